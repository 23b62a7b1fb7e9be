package io.medplumlogs.maven.cloudformation;

import java.util.List;
import java.util.Map;

/**
 * A minimal block-style YAML writer for a tree of {@link Map} (insertion-ordered), {@link List}, {@link String},
 * {@link Number} and {@link Boolean}. Every string is double-quoted with JSON-style escapes, so no value can turn
 * into a number, a boolean, a tag or a comment; the output is deterministic because the tree's order is.
 */
final class Yaml {

    private final StringBuilder out = new StringBuilder();

    private Yaml() {
    }

    static String write(Map<String, ?> document) {
        Yaml yaml = new Yaml();
        yaml.mapping(document, 0);
        return yaml.out.toString();
    }

    private void mapping(Map<?, ?> map, int indent) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            pad(indent);
            out.append(key(entry.getKey().toString())).append(':');
            nested(entry.getValue(), indent);
        }
    }

    private void sequence(List<?> list, int indent) {
        for (Object item : list) {
            pad(indent);
            out.append('-');
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                // first key on the dash line, the rest aligned under it
                StringBuilder saved = new StringBuilder();
                Yaml inner = new Yaml();
                inner.mapping(map, indent + 2);
                saved.append(inner.out);
                out.append(' ').append(saved.substring(indent + 2));
            } else {
                nested(item, indent);
            }
        }
    }

    private void nested(Object value, int indent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            mapping(map, indent + 2);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            sequence(list, indent + 2);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private void pad(int indent) {
        out.append(" ".repeat(indent));
    }

    private static String key(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z0-9]+)?") ? key : quote(key);
    }

    static String scalar(Object value) {
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value == null) {
            throw new IllegalArgumentException("null has no place in a template");
        }
        return quote(value.toString());
    }

    // Alike Hcl.quote on purpose, not shared: YAML's double-quoted scalar and HCL's string template escape
    // different things (HCL also turns ${ and %{ into literals; YAML needs its own non-printable rules).
    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        // YAML 1.1 readers treat U+0085/2028/2029 as line breaks: escape them too
                        q.append(String.format("\\u%04X", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
