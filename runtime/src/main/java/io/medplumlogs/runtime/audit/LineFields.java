package io.medplumlogs.runtime.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed top-level fields of one log line, passed as the log record's parameter. The JSON line writes them with their
 * type (numbers and booleans unquoted, e.g. {@code "durationMs": 12}); MDC can only carry strings. Other formatters
 * ignore the parameter, so the message itself stays what the contract names ({@code Request served}, ...). Field
 * names come from {@code LogLineFields} (module {@code contract}).
 */
public final class LineFields {

    /** Log format that shows the fields in readable (pattern) lines; the JSON line uses {@link #message()}. */
    public static final String READABLE_FORMAT = "{0} {1}";

    private final String message;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** @param message the line's {@code msg}, e.g. {@code Request served} */
    public LineFields(String message) {
        this.message = message;
    }

    /** The message proper, without the fields. */
    public String message() {
        return message;
    }

    /** Arguments for {@link #READABLE_FORMAT}: the message, then the fields as text. */
    public Object[] readableArguments() {
        return new Object[] { message, this };
    }

    /** Adds a string field; {@code null} leaves it out. */
    public LineFields put(String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    public LineFields put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    /** Adds a boolean field only when true: absent means false, and lines stay short. */
    public LineFields flag(String name, boolean value) {
        if (value) {
            fields.put(name, Boolean.TRUE);
        }
        return this;
    }

    /** Name to value: {@link String}, {@link Long} or {@link Boolean}. */
    public Map<String, Object> asMap() {
        return fields;
    }

    /** The fields among a record's parameters, or {@code null}. */
    public static LineFields of(Object[] parameters) {
        if (parameters != null) {
            for (Object p : parameters) {
                if (p instanceof LineFields f) {
                    return f;
                }
            }
        }
        return null;
    }

    /**
     * {@code name=value} pairs for readable lines (dev mode). Values are already redacted; control characters are
     * replaced so that a pattern line, which nothing escapes, stays one line.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(128);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(e.getKey()).append('=');
            String value = String.valueOf(e.getValue());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
            }
        }
        return out.toString();
    }
}
