package io.medplumlogs.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per log group, the {@code service}, {@code source} and tags the vendor shows: the value of
 * {@code -Dmedplum-logs.logGroupMapping} and of the forwarder's {@link ForwarderContract#ENV_LOG_GROUP_MAPPING}, parsed
 * here once for the plugin (which refuses a bad value before writing anything) and the forwarder (which refuses it at
 * cold start).
 *
 * <p>Syntax, chosen to survive a shell and a CloudFormation/Terraform string without quoting rules of its own:
 * <pre>
 *   mapping  = entry *( ";" entry )                    blank entries (a trailing ";") are ignored
 *   entry    = group "=" attr *( "," attr )
 *   group    = a log group name, or a prefix ending in "*"
 *   attr     = "service:" value | "source:" value | "tags:" tag *( "+" tag )
 *   tag      = name ":" value
 * </pre>
 * e.g. {@code /ecs/api=service:fhir-api,source:java,tags:env:prod+team:core;/aws/lambda/*=source:lambda}.
 *
 * <p>Matching: an exact name wins over any prefix; among prefixes the longest wins; a group that matches nothing keeps
 * the defaults it has today. Each group is listed once.
 */
public final class LogGroupMapping {

    /** No mapping: every group keeps its defaults. */
    public static final LogGroupMapping NONE = new LogGroupMapping(List.of());

    /** CloudWatch Logs' own rule for log group names (1-512 of these characters). */
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_./#-]{1,512}");
    /** Values end up in JSON, HEC fields and HTTP headers: printable ASCII without the syntax's separators. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e&&[^;,=+]]([\\x20-\\x7e&&[^;,=+]]{0,198}"
            + "[\\x21-\\x7e&&[^;,=+]])?");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]{0,99}");
    private static final String KEYS = "service, source, tags";

    private final List<Rule> rules;
    private final Map<String, Attributes> exact = new LinkedHashMap<>();
    /** Longest prefix first, so the first match is the most specific. */
    private final List<Rule> prefixes;

    private LogGroupMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        List<Rule> byLength = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.prefix()) {
                byLength.add(rule);
            } else {
                exact.put(rule.group(), rule.attributes());
            }
        }
        byLength.sort(Comparator.comparingInt((Rule r) -> r.group().length()).reversed());
        this.prefixes = List.copyOf(byLength);
    }

    /** What the vendor shows for one log group; empty fields keep the vendor's default. */
    public record Attributes(Optional<String> service, Optional<String> source, Map<String, String> tags) {

        public Attributes {
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    /**
     * One entry.
     *
     * @param group the log group name, or the prefix without its {@code *}
     * @param prefix whether {@code group} is a prefix
     */
    public record Rule(String group, boolean prefix, Attributes attributes) {
    }

    /**
     * Parses a mapping; {@code null} or blank is {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the entry (its position and text) and what is wrong with it
     */
    public static LogGroupMapping parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String[] entries = text.split(";", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            Rule rule = parseEntry(entry, i + 1);
            String key = rule.group() + (rule.prefix() ? "*" : "");
            Integer earlier = seen.putIfAbsent(key, i + 1);
            if (earlier != null) {
                throw bad(i + 1, entry, "log group '" + key + "' is already mapped by entry " + earlier);
            }
            rules.add(rule);
        }
        return rules.isEmpty() ? NONE : new LogGroupMapping(rules);
    }

    private static Rule parseEntry(String entry, int position) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            throw bad(position, entry, "expected <log group>=<key>:<value>,… (no '=')");
        }
        String group = entry.substring(0, equals).strip();
        boolean prefix = group.endsWith("*");
        String name = prefix ? group.substring(0, group.length() - 1) : group;
        if (name.isEmpty() && !prefix) {
            throw bad(position, entry, "the log group before '=' is empty");
        }
        if (!name.isEmpty() && !GROUP_NAME.matcher(name).matches()) {
            throw bad(position, entry, "'" + group + "' is not a log group name (letters, digits and _ . / # -,"
                    + " at most 512, optionally ending in * for a prefix)");
        }
        String body = entry.substring(equals + 1).strip();
        if (body.isEmpty()) {
            throw bad(position, entry, "no attributes after '=' (expected " + KEYS + ")");
        }
        String service = null;
        String source = null;
        Map<String, String> tags = null;
        for (String attribute : body.split(",", -1)) {
            String attr = attribute.strip();
            int colon = attr.indexOf(':');
            if (colon < 0) {
                throw bad(position, entry, "'" + attr + "' is not <key>:<value> (keys: " + KEYS + ")");
            }
            String key = attr.substring(0, colon).strip();
            String value = attr.substring(colon + 1).strip();
            switch (key) {
                case "service" -> {
                    if (service != null) {
                        throw bad(position, entry, "service is given twice");
                    }
                    service = value(position, entry, key, value);
                }
                case "source" -> {
                    if (source != null) {
                        throw bad(position, entry, "source is given twice");
                    }
                    source = value(position, entry, key, value);
                }
                case "tags" -> {
                    if (tags != null) {
                        throw bad(position, entry, "tags is given twice (list them with '+')");
                    }
                    tags = tags(position, entry, value);
                }
                default -> throw bad(position, entry, "unknown key '" + key + "' (keys: " + KEYS + ")");
            }
        }
        return new Rule(name, prefix, new Attributes(Optional.ofNullable(service), Optional.ofNullable(source),
                tags == null ? Map.of() : tags));
    }

    private static Map<String, String> tags(int position, String entry, String list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String item : list.split("\\+", -1)) {
            String tag = item.strip();
            int colon = tag.indexOf(':');
            if (colon < 0) {
                throw bad(position, entry, "tag '" + tag + "' is not <name>:<value>");
            }
            String name = tag.substring(0, colon).strip();
            if (!TAG_NAME.matcher(name).matches()) {
                throw bad(position, entry, "tag name '" + name + "' must start with a letter and hold only letters,"
                        + " digits and _ . / - (at most 100)");
            }
            if (tags.put(name, value(position, entry, "tag " + name, tag.substring(colon + 1).strip())) != null) {
                throw bad(position, entry, "tag '" + name + "' is given twice");
            }
        }
        return tags;
    }

    private static String value(int position, String entry, String key, String value) {
        if (value.isEmpty()) {
            throw bad(position, entry, key + " has no value");
        }
        if (!VALUE.matcher(value).matches()) {
            throw bad(position, entry, key + " must be printable ASCII without ; , = + (at most 200 characters)");
        }
        return value;
    }

    private static IllegalArgumentException bad(int position, String entry, String problem) {
        return new IllegalArgumentException("entry " + position + " '" + printable(entry) + "': " + problem);
    }

    /** The entry as it can be quoted in an error message or log line: one line, nothing invisible. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(120).forEach(c -> out.append(c >= 0x20 && c != 0x7f ? Character.toString(c) : "?"));
        return text.codePointCount(0, text.length()) > 120 ? out + "…" : out.toString();
    }

    /** The attributes for {@code logGroup}: its exact entry, else the longest matching prefix. */
    public Optional<Attributes> forLogGroup(String logGroup) {
        if (rules.isEmpty() || logGroup == null) {
            return Optional.empty();
        }
        Attributes attributes = exact.get(logGroup);
        if (attributes != null) {
            return Optional.of(attributes);
        }
        for (Rule rule : prefixes) {
            if (logGroup.startsWith(rule.group())) {
                return Optional.of(rule.attributes());
            }
        }
        return Optional.empty();
    }

    /** The entries in the order given. */
    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
