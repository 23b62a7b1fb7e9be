package io.medplumlogs.runtime.audit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Typed top-level fields of one log line, passed as the log record's parameter. The JSON line writes them with their
 * type (numbers and booleans unquoted, e.g. {@code "durationMs": 12}); MDC can only carry strings. Other formatters
 * ignore the parameter, so the message itself stays what the contract names ({@code Request served}, ...). Field
 * names come from {@code LogLineFields} (module {@code contract}).
 * <p>
 * Kept in two arrays rather than a hash map: one of these is built for every request, a line has a dozen fields at
 * most, and the JSON line reads them in order and looks up a few by name, which a short scan does without a node per
 * field.
 */
public final class LineFields {

    /** Log format that shows the fields in readable (pattern) lines; the JSON line uses {@link #message()}. */
    public static final String READABLE_FORMAT = "{0} {1}";

    private static final int TYPICAL_FIELDS = 16;

    private final String message;
    private String[] names = new String[TYPICAL_FIELDS];
    private Object[] values = new Object[TYPICAL_FIELDS];
    private int size;

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
            set(name, value);
        }
        return this;
    }

    public LineFields put(String name, long value) {
        set(name, value);
        return this;
    }

    /** Adds a boolean field only when true: absent means false, and lines stay short. */
    public LineFields flag(String name, boolean value) {
        if (value) {
            set(name, Boolean.TRUE);
        }
        return this;
    }

    /** A name given twice keeps its first place and its last value, as a map would. */
    private void set(String name, Object value) {
        int at = indexOf(name);
        if (at >= 0) {
            values[at] = value;
            return;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Name to value ({@link String}, {@link Long} or {@link Boolean}) in the order added; a read-only view. */
    public Map<String, Object> asMap() {
        return new View();
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
        for (int f = 0; f < size; f++) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(names[f]).append('=');
            String value = String.valueOf(values[f]);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
            }
        }
        return out.toString();
    }

    /** The fields as a map without copying them: lookups scan the names, iteration follows the order added. */
    private final class View extends AbstractMap<String, Object> {

        @Override
        public int size() {
            return size;
        }

        @Override
        public Object get(Object name) {
            int at = indexOf(name);
            return at < 0 ? null : values[at];
        }

        @Override
        public boolean containsKey(Object name) {
            return indexOf(name) >= 0;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Object> entry = new SimpleImmutableEntry<>(names[next], values[next]);
                            next++;
                            return entry;
                        }
                    };
                }
            };
        }
    }
}
