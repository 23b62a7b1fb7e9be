package io.medplumlogs.runtime.json;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jboss.logmanager.PropertyValues;
import org.jboss.logmanager.formatters.StructuredFormatter.Key;

import io.medplumlogs.contract.LogLineFields;
import io.quarkus.logging.json.runtime.JsonLogConfig.AdditionalFieldConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Applies the user's {@code quarkus.log.console.json.*} settings (from {@code quarkus-logging-json}) to our line
 * layout, so that adding this extension does not quietly discard them. What cannot apply to a one-line,
 * contract-shaped record is reported through {@code warnings}, never ignored silently; what would break the start-up
 * lines logging-json still formats in prod ({@code pretty-print}, {@code log-format}) stops start-up there.
 */
public final class ConsoleJsonSettings {

    private static final String PREFIX = "quarkus.log.console.json.";
    /** logging-json key names (StructuredFormatter keys) that map onto a field of our line. */
    private static final Map<Key, String> CONTRACT_FIELDS = new EnumMap<>(Map.of(Key.TIMESTAMP,
            LogLineFields.TIMESTAMP, Key.LEVEL, LogLineFields.LEVEL, Key.MESSAGE, LogLineFields.MSG, Key.LOGGER_NAME,
            LogLineFields.LOGGER, Key.EXCEPTION_MESSAGE, LogLineFields.ERROR, Key.STACK_TRACE, LogLineFields.STACK));

    /**
     * logging-json's output names of the fields our line writes under its own names: {@code exception} is its whole
     * exception object, which on our line is {@code error} and {@code stack}.
     */
    private static final Map<String, List<String>> LOGGING_JSON_NAMES = Map.of(
            Key.MESSAGE.getKey(), List.of(LogLineFields.MSG),
            Key.LOGGER_NAME.getKey(), List.of(LogLineFields.LOGGER),
            Key.STACK_TRACE.getKey(), List.of(LogLineFields.STACK),
            Key.EXCEPTION.getKey(), List.of(LogLineFields.ERROR, LogLineFields.STACK));

    /**
     * The contract's timestamp as a date-time pattern, for logging-json's formatter of early start-up lines (see
     * the deployment processor). Our own line writes it faster without a pattern, so it is not applied as a
     * custom format.
     */
    public static final String CONTRACT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
    public static final String CONTRACT_ZONE = "UTC";

    private ConsoleJsonSettings() {
    }

    /**
     * @param earlyLinesByLoggingJson whether logging-json's own console formatter is on, and so formats the start-up
     *        lines written before ours takes over ({@code quarkus.log.console.json.enabled}, true by default in prod)
     */
    public static JsonLineLayout apply(JsonLineLayout layout, JsonConfig json, boolean earlyLinesByLoggingJson,
            Consumer<String> warnings) {
        JsonLineLayout result = layout;
        if (!json.additionalField().isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, AdditionalFieldConfig> e : json.additionalField().entrySet()) {
                if (LogLineFields.CORRELATION.contains(e.getKey())) {
                    // a constant under an ID's name would pass for the request's ID, or be written beside it
                    throw new ConfigurationException(PREFIX + "additional-field.\"" + e.getKey() + "\" is the name of"
                            + " a correlation ID the line writes itself (" + String.join(", ", new TreeSet<>(LogLineFields.CORRELATION))
                            + "): choose another name");
                }
                if (LogLineFields.ALL.contains(e.getKey())) {
                    // the line's own field wins (msg, level, truncated: the constant was never written), or an audit
                    // field's name carried the constant on every other line (status, user), where queries find it
                    throw new ConfigurationException(PREFIX + "additional-field.\"" + e.getKey() + "\" is the name of"
                            + " a field the line writes itself: choose a name none of "
                            + String.join(", ", new TreeSet<>(LogLineFields.ALL)) + " uses");
                }
                fields.put(e.getKey(), typed(e.getKey(), e.getValue()));
            }
            result = result.withAdditionalFields(fields);
        }
        if (json.keyOverrides().isPresent()) {
            EnumMap<Key, String> overrides;
            try {
                overrides = PropertyValues.stringToEnumMap(Key.class, json.keyOverrides().get());
            } catch (RuntimeException e) {
                throw new ConfigurationException(PREFIX + "key-overrides is not a valid list of key=name pairs: "
                        + e.getMessage(), e);
            }
            Map<String, String> renames = new HashMap<>();
            overrides.forEach((key, name) -> {
                String field = CONTRACT_FIELDS.get(key);
                if (field == null) {
                    warnings.accept(PREFIX + "key-overrides: '" + key.getKey()
                            + "' is not a field of medplum-logs' JSON line; the override has no effect");
                } else {
                    renames.put(field, name);
                }
            });
            refuseCollisions(renames, json.additionalField().keySet());
            result = result.withRenamed(renames);
        }
        if (json.excludedKeys().isPresent()) {
            result = result.withExcluded(excluded(json.excludedKeys().get(), result));
        }
        if (CONTRACT_DATE_FORMAT.equals(json.dateFormat()) && CONTRACT_ZONE.equals(json.zoneId())) {
            // our own default for early lines: the contract's timestamp, which the line writes anyway
        } else if (!"default".equals(json.dateFormat())) {
            ZoneId zone = "default".equals(json.zoneId()) ? ZoneId.of("UTC") : zone(json.zoneId());
            try {
                result = result.withTimestampFormat(json.dateFormat(), zone);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(PREFIX + "date-format is not a valid date-time pattern: "
                        + json.dateFormat(), e);
            }
        } else if (!"default".equals(json.zoneId())) {
            warnings.accept(PREFIX + "zone-id only applies together with " + PREFIX
                    + "date-format; the default timestamp is ISO-8601 UTC as CloudWatch expects");
        }
        if (json.recordDelimiter().isPresent()) {
            result = result.withDelimiter(lineEnd(json.recordDelimiter().get(), result.maxLineBytes()));
        }
        if (json.prettyPrint()) {
            notApplied(PREFIX + "pretty-print=true would spread every JSON line over several lines (CloudWatch and"
                    + " other line-based collectors split each record into fragments)", earlyLinesByLoggingJson,
                    warnings);
        }
        if (json.logFormat() != JsonConfig.LogFormat.DEFAULT) {
            notApplied(PREFIX + "log-format=" + json.logFormat().name().toLowerCase() + " would write logging-json's "
                    + json.logFormat().name() + " field names instead of the log contract's", earlyLinesByLoggingJson,
                    warnings);
        }
        return result;
    }

    /**
     * A setting that is never applied to our line. Where logging-json's console formatter is on (the prod default) it
     * still formats the start-up lines written before our line takes over and would apply it there: refused. Where it
     * is off (dev, test, or the user's choice) nothing would apply it: a warning is enough.
     */
    private static void notApplied(String problem, boolean earlyLinesByLoggingJson, Consumer<String> warnings) {
        String wayOut = " (medplum-logs writes one JSON object per line with the contract's field names): remove it";
        if (earlyLinesByLoggingJson) {
            throw new ConfigurationException(problem + ", and logging-json applies it to the start-up lines" + wayOut);
        }
        warnings.accept(problem + "; it is not applied" + wayOut);
    }

    /**
     * A renamed field must not take a name the line already writes: {@code level=status} wrote the level as
     * {@code status} and dropped the HTTP status of every Request served line, {@code logger=requestId} wrote
     * {@code requestId} twice. So the new name is none of the contract's fields (unless it is the field's own),
     * no other renamed field's and no additional field's.
     */
    private static void refuseCollisions(Map<String, String> renames, Set<String> additionalFields) {
        Map<String, String> byName = new HashMap<>();
        for (Map.Entry<String, String> rename : new TreeMap<>(renames).entrySet()) {
            String field = rename.getKey();
            String name = rename.getValue();
            String problem = null;
            if (!name.equals(field) && LogLineFields.ALL.contains(name)) {
                problem = "a field the line writes itself";
            } else if (byName.containsKey(name)) {
                problem = "also the new name of " + byName.get(name);
            } else if (additionalFields.contains(name)) {
                problem = "the name of additional-field.\"" + name + "\"";
            }
            if (problem != null) {
                throw new ConfigurationException(PREFIX + "key-overrides renames " + field + " to '" + name + "', "
                        + problem + ": every name is written once per line, so choose a name none of "
                        + String.join(", ", new TreeSet<>(LogLineFields.ALL)) + " uses");
            }
            byName.put(name, field);
        }
    }

    /**
     * The names to leave out: as given (the line's names, or an MDC key's), and for a name logging-json writes one of
     * the line's fields under ({@link #LOGGING_JSON_NAMES}) that field under the name the line gives it, after
     * key-overrides. A configuration written for logging-json ({@code excluded-keys=stackTrace}, as its guide names
     * the keys) kept every stack on the JSON line without a word.
     */
    private static Set<String> excluded(Set<String> names, JsonLineLayout layout) {
        Set<String> out = new TreeSet<>(names);
        for (String name : names) {
            for (String field : LOGGING_JSON_NAMES.getOrDefault(name, List.of())) {
                out.add(layout.nameOf(field));
            }
        }
        return out;
    }

    /**
     * A record delimiter must end every line and do nothing else: a line feed at its end (where the awslogs driver and
     * the CloudWatch agent end an event), before it at most the whitespace JSON allows after a value (a carriage
     * return for {@code \r\n}, spaces, tabs). Without the line feed every record of the process ran into one line,
     * split at 16 KiB in the middle of a record; with text after it no line was a JSON object. What it puts before the
     * line feed counts against max-line-bytes, so it must leave the JSON object more than half of it: 2,000 spaces
     * with a bound of 1024 left every record as {@code {"truncated":true}}, over the bound.
     */
    private static String lineEnd(String delimiter, int maxLineBytes) {
        int last = delimiter.length() - 1;
        boolean valid = last >= 0 && delimiter.charAt(last) == '\n';
        for (int i = 0; valid && i < last; i++) {
            char c = delimiter.charAt(i);
            valid = c == '\r' || c == ' ' || c == '\t';
        }
        if (!valid) {
            throw new ConfigurationException(PREFIX + "record-delimiter must end in a line feed (\\n) with at most"
                    + " spaces, tabs or a carriage return before it (\\r\\n), but is \"" + escaped(delimiter)
                    + "\": the JSON line is one record per line");
        }
        if (2 * last >= maxLineBytes) {
            throw new ConfigurationException(PREFIX + "record-delimiter puts " + last + " characters before its line"
                    + " feed, which count against quarkus.medplum-logs.max-line-bytes (" + maxLineBytes + "): they"
                    + " must leave the JSON object more than half of it");
        }
        return delimiter;
    }

    /** The delimiter as the error shows it: every character but printable ASCII as a Java escape. */
    private static String escaped(String delimiter) {
        StringBuilder out = new StringBuilder();
        for (char c : delimiter.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c > 0x20 && c < 0x7f && c != '\\' && c != '"') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static Object typed(String name, AdditionalFieldConfig field) {
        try {
            return switch (field.type()) {
                case STRING -> field.value();
                case INT -> Integer.valueOf(field.value());
                case LONG -> Long.valueOf(field.value());
            };
        } catch (NumberFormatException e) {
            throw new ConfigurationException(PREFIX + "additional-field.\"" + name + "\".value is not a number: "
                    + field.value(), e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PREFIX + "zone-id is not a valid zone: " + id, e);
        }
    }
}
