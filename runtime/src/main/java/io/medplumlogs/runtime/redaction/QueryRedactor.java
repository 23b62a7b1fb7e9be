package io.medplumlogs.runtime.redaction;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.medplumlogs.runtime.http.UrlText;

/**
 * Makes a request path and query safe for the audit line: search parameter <em>values</em> become
 * {@code ***} unless the parameter is on an allow-list of non-identifying parameters.
 * <p>
 * A query string is attacker-controlled and a search value is very likely PHI ({@code name=Simpson},
 * {@code birthdate=1970-01-01}), so the rule is deny-by-default at every step:
 * <ul>
 * <li>a parameter name is kept only if it is well-formed: segments of {@code [A-Za-z_][A-Za-z0-9_-]*} joined by
 * {@code :} (modifier) or {@code .} (chain), at most 64 characters after percent-decoding
 * ({@code name:exact}, {@code subject:Patient.name} and {@code _has:Observation:patient:code} pass);
 * otherwise the name is {@code ***} too, because a name can carry PHI or injected text;</li>
 * <li>a token without {@code =} is {@code ***} unless it is exactly an allowed name: it is usually part of a value
 * that contained an unencoded {@code &} ({@code name=Homer&Jay}) or a bare search term;</li>
 * <li>a value is kept only for an allowed parameter, plainly or with one of {@link #VALUE_KEEPING_MODIFIERS}
 * ({@code :iterate} only on {@code _include}/{@code _revinclude}, {@code :missing} only with {@code true}/{@code false}),
 * and only if it consists of URL-safe characters with no quotes, backslashes or control characters (also not
 * percent-encoded ones);</li>
 * <li>on an allowed parameter, any other modifier or chain is shown as {@code ***} ({@code _count:***=***}), unless
 * it is a modifier the FHIR specification defines ({@link #FHIR_MODIFIERS}), so that no free text is carried in the
 * name of a parameter whose value would be kept;</li>
 * <li>empty values stay empty ({@code a=}) since they reveal nothing.</li>
 * </ul>
 * The output never contains CR, LF, quotes or backslashes, is at most about {@value #MAX_LENGTH}
 * characters long ({@code &...} marks dropped parameters) and never throws on malformed input.
 * Instances are immutable and thread-safe.
 */
public final class QueryRedactor {

    /** Replacement for a redacted name or value. */
    public static final String MASK = "***";

    /** Parameters whose values describe paging and result shape, not a person. */
    public static final Set<String> DEFAULT_ALLOWED_PARAMETERS = Set.of("_count", "_sort", "_summary", "_elements",
            "_include", "_revinclude", "_total", "_format", "_offset", "_page", "_pretty", "_contained",
            "_containedType", "_getpagesoffset", "_getpages", "_bundletype");

    /** Modifiers defined by FHIR R4/R5 search; shown as sent on an allowed parameter. */
    public static final Set<String> FHIR_MODIFIERS = Set.of("missing", "exact", "contains", "text", "not", "above",
            "below", "in", "not-in", "of-type", "identifier", "iterate", "code-text", "text-advanced");

    /** Modifiers that leave an allowed parameter's value as non-identifying as it was. */
    public static final Set<String> VALUE_KEEPING_MODIFIERS = Set.of("iterate", "not", "missing");

    /**
     * What a value of a well-known allowed parameter looks like, after percent-decoding. The allow-list trusts the
     * parameter, not the client: {@code _count=Simpson} or {@code _summary=123-45-6789} would otherwise be logged as
     * sent. A value that does not have its parameter's shape is {@code ***}; allowed parameters not listed here
     * (e.g. ones a user adds) keep any value of safe characters.
     */
    static final Map<String, Pattern> VALUE_SHAPES = valueShapes();

    /** Approximate cap on the redacted query and on the path part, in characters. */
    public static final int MAX_LENGTH = 2048;

    static final String DROPPED = "...";

    private static final Pattern SAFE_NAME = Pattern.compile("(?=.{1,64}$)[A-Za-z_][A-Za-z0-9_-]*([:.][A-Za-z_][A-Za-z0-9_-]*)*");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    private static final Pattern SAFE_RAW_VALUE = Pattern.compile("([A-Za-z0-9_:.,\\-+*/|~!$@;()]|%[0-9A-Fa-f]{2}){1,256}");
    private static final String UNSAFE_DECODED = "\"'\\<>`";

    private final Set<String> allowedParameters;

    /** A redactor with {@link #DEFAULT_ALLOWED_PARAMETERS}. */
    public QueryRedactor() {
        this(DEFAULT_ALLOWED_PARAMETERS);
    }

    /**
     * @param allowedParameters parameter names whose values are logged as sent
     * @throws IllegalArgumentException if a name is not a plain parameter name
     */
    public QueryRedactor(Set<String> allowedParameters) {
        Set<String> copy = new LinkedHashSet<>();
        for (String name : allowedParameters) {
            String n = name == null ? "" : name.trim();
            if (!PLAIN_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("Invalid allowed search parameter name '" + name
                        + "': expected a letter or '_', then letters, digits, '_' or '-'");
            }
            copy.add(n);
        }
        this.allowedParameters = Set.copyOf(copy);
    }

    /** The parameters whose values are kept. */
    public Set<String> allowedParameters() {
        return allowedParameters;
    }

    /**
     * Redacts a raw query string.
     *
     * @param rawQuery the query as received, without the leading {@code ?}; may be {@code null}
     * @return the redacted query without {@code ?}; empty if there was none
     */
    public String redactQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(rawQuery.length(), MAX_LENGTH) + 8);
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                String redacted = redactParameter(rawQuery.substring(start, end));
                if (out.length() + redacted.length() + 1 > MAX_LENGTH) {
                    out.append(out.length() == 0 ? "" : "&").append(DROPPED);
                    break;
                }
                out.append(out.length() == 0 ? "" : "&").append(redacted);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out.toString();
    }

    /**
     * Redacts a request target: the path is kept (FHIR ids are not search values) but made printable,
     * the query is redacted as by {@link #redactQuery(String)}.
     *
     * @param pathAndQuery raw request target such as {@code /fhir/R4/Patient?name=x}; may be {@code null}
     * @return {@code path} or {@code path?redactedQuery}; {@code null} for {@code null}
     */
    public String redactPath(String pathAndQuery) {
        if (pathAndQuery == null) {
            return null;
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String safePath = printablePath(path);
        if (q < 0) {
            return safePath;
        }
        return safePath + "?" + redactQuery(pathAndQuery.substring(q + 1));
    }

    private String redactParameter(String parameter) {
        int eq = parameter.indexOf('=');
        String rawName = eq < 0 ? parameter : parameter.substring(0, eq);
        String name = decode(rawName);
        if (eq < 0) {
            // a bare token is a search term or the tail of a value with an unencoded '&': text, not a name
            return name != null && allowedParameters.contains(name) ? name : MASK;
        }
        String shownName;
        boolean keepValue = false;
        String rawValueRule = null;
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            shownName = MASK;
        } else {
            int end = baseEnd(name);
            String base = name.substring(0, end);
            if (!allowedParameters.contains(base)) {
                shownName = name; // a search parameter whose value is masked anyway
            } else if (end == name.length()) {
                shownName = name;
                keepValue = true;
            } else {
                String modifier = name.substring(end + 1);
                boolean known = name.charAt(end) == ':' && FHIR_MODIFIERS.contains(modifier);
                shownName = known ? name : base + name.charAt(end) + MASK;
                keepValue = known && VALUE_KEEPING_MODIFIERS.contains(modifier);
                rawValueRule = modifier;
            }
        }
        String rawValue = parameter.substring(eq + 1);
        if (keepValue && rawValueRule != null) {
            keepValue = modifierKeepsValue(name.substring(0, baseEnd(name)), rawValueRule, rawValue);
        }
        if (rawValue.isEmpty()) {
            return shownName + "=";
        }
        // :missing has a value rule of its own (true/false); otherwise the value must look like its parameter's
        if (keepValue && isSafeValue(rawValue)
                && ("missing".equals(rawValueRule) || hasShape(name.substring(0, baseEnd(name)), rawValue))) {
            return shownName + "=" + rawValue;
        }
        return shownName + "=" + MASK;
    }

    /**
     * A modifier keeps the value only where FHIR defines it: {@code :iterate} on {@code _include} and
     * {@code _revinclude}, {@code :missing} with {@code true} or {@code false}. Elsewhere ({@code _count:iterate=Simpson})
     * the modifier is a way to get free text past the allow-list.
     */
    private static boolean modifierKeepsValue(String base, String modifier, String rawValue) {
        return switch (modifier) {
            case "iterate" -> base.equals("_include") || base.equals("_revinclude");
            case "missing" -> rawValue.equalsIgnoreCase("true") || rawValue.equalsIgnoreCase("false");
            default -> true;
        };
    }

    private static boolean hasShape(String base, String rawValue) {
        Pattern shape = VALUE_SHAPES.get(base);
        if (shape == null) {
            return true;
        }
        String decoded = decode(rawValue);
        return decoded != null && shape.matcher(decoded).matches();
    }

    private static Map<String, Pattern> valueShapes() {
        Pattern number = Pattern.compile("[0-9]{1,9}");
        Pattern bool = Pattern.compile("(?i)true|false");
        // search parameter names and element paths start lower case (or with _), resource types upper case; none FHIR
        // defines holds a digit, which a birth date, an SSN or an MRN written as a name (birthdate-1956-05-12) needs
        String param = "-?[a-z_][A-Za-z_.:-]{0,63}";
        String type = "[A-Z][A-Za-z]{0,63}";
        Pattern serverToken = Pattern.compile("[A-Za-z0-9_-]{1,128}");
        Pattern include = Pattern.compile("\\*|" + type + ":(\\*|[a-z_][A-Za-z_-]{0,63})(:" + type + ")?");
        return Map.ofEntries(
                Map.entry("_count", number), Map.entry("_offset", number), Map.entry("_getpagesoffset", number),
                Map.entry("_summary", Pattern.compile("(?i)true|false|text|data|count")),
                Map.entry("_total", Pattern.compile("(?i)none|estimate|accurate")),
                Map.entry("_pretty", bool),
                Map.entry("_contained", Pattern.compile("(?i)true|false|both")),
                Map.entry("_containedType", Pattern.compile("(?i)container|contained")),
                // FHIR's Bundle.type codes, and the formats and media types HAPI FHIR reads for _format: a made-up
                // code or media type of letters is free text (_format=application/Homer+Simpson, _bundletype=homer-x)
                Map.entry("_bundletype", Pattern.compile("document|message|transaction(-response)?|batch(-response)?"
                        + "|history|searchset|collection|subscription-notification")),
                // '+' in application/fhir+json arrives decoded as a space
                Map.entry("_format", Pattern.compile("(?i)json|xml|ttl|html|ndjson|(application|text)/(fhir[+ ]"
                        + "(json|xml|turtle|ndjson)|(json|xml)[+ ]fhir|json|xml|turtle|x-turtle|html|ndjson|x-ndjson)")),
                Map.entry("_sort", Pattern.compile(param + "(," + param + "){0,15}")),
                Map.entry("_elements", Pattern.compile("(" + type + "\\.)?" + param.substring(2)
                        + "(,(" + type + "\\.)?" + param.substring(2) + "){0,31}")),
                Map.entry("_include", include), Map.entry("_revinclude", include),
                Map.entry("_page", serverToken), Map.entry("_getpages", serverToken));
    }

    /** End of the parameter's own name: before its first modifier ({@code :}) or chain ({@code .}). */
    private static int baseEnd(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == '.') {
                return i;
            }
        }
        return name.length();
    }

    // Checked on the raw form so the logged text is exactly what was sent, and on the decoded form so
    // "%0d%0a" or "%22" cannot smuggle a line break or quote to whoever decodes the line later.
    private static boolean isSafeValue(String rawValue) {
        if (!SAFE_RAW_VALUE.matcher(rawValue).matches()) {
            return false;
        }
        String decoded = decode(rawValue);
        if (decoded == null) {
            return false;
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c > 0x7e || UNSAFE_DECODED.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes as URL query encoding does ({@code +} is a space); {@code null} if malformed. */
    static String decode(String raw) {
        return UrlText.percentDecoded(raw, true);
    }

    // The path is logged as sent, except that anything a log reader could misread (control
    // characters, spaces, quotes, backslashes, non-ASCII) is percent-encoded, byte for byte.
    /**
     * A request path as the audit line writes it, whatever happens to its query (and a query that is not redacted):
     * control characters, spaces, quotes, backslashes and non-ASCII percent-encoded, cut at about
     * {@code MAX_LENGTH} characters. The HTTP layer (Netty, HTTP/1 and HTTP/2 alike) hands a request target on one
     * char per byte, so a char up to U+00FF is the byte that came and is written as that one byte: a raw UTF-8
     * {@code ë} ({@code C3 AB}, two chars here) is {@code %C3%AB}, as the client sent it, and a lone byte {@code EB}
     * stays {@code %EB}. Only a char beyond U+00FF, which no request target holds, is written as its UTF-8 bytes.
     */
    public static String printablePath(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < path.length(); i++) {
            if (out.length() >= MAX_LENGTH) {
                out.append(DROPPED);
                break;
            }
            char c = path.charAt(i);
            if (c > 0x20 && c < 0x7f && UNSAFE_DECODED.indexOf(c) < 0) {
                out.append(c);
            } else if (c <= 0xff) {
                appendEscaped(out, (byte) c);
            } else {
                int cp = path.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    appendEscaped(out, b);
                }
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, byte b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
}
