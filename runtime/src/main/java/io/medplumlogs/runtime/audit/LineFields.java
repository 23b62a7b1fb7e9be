package io.medplumlogs.runtime.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed top-level fields of one log line, passed as the log record's parameter. The JSON line writes them with their
 * type (numbers and booleans unquoted, e.g. {@code "durationMs": 12}); MDC can only carry strings. Other formatters
 * ignore the parameter, so the message itself stays what the contract names ({@code Request served}, ...).
 */
public final class LineFields {

    private final Map<String, Object> fields = new LinkedHashMap<>();

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

    @Override
    public String toString() {
        return ""; // never leak field values through a formatter that prints parameters
    }
}
