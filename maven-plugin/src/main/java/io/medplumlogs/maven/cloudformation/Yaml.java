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

    /**
     * A double-quoted scalar that every YAML reader gets back as {@code text}: what YAML does not allow raw (outside
     * #x9 #xA #xD #x20-#x7E #x85 #xA0-#xD7FF #xE000-#xFFFD and pairs for #x10000-#x10FFFF: C0 and C1 controls, DEL,
     * U+FFFE, U+FFFF, lone surrogates) is written as a backslash-u escape, so PyYAML (cfn-lint,
     * {@code aws cloudformation package}) never meets an "unacceptable character". Only JSON's escapes are used, so the result is also a JSON
     * string: {@link CloudFormationRenderer} builds a JSON policy document from it.
     */
    // Alike Hcl.quote on purpose, not shared: HCL's string template also turns ${ and %{ into literals.
    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                q.append(c).append(text.charAt(++i)); // a character above U+FFFF: allowed raw
                continue;
            }
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (allowedRaw(c)) {
                        q.append(c);
                    } else {
                        q.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /**
     * YAML's printable set, less U+0085, U+2028 and U+2029 (YAML 1.1 readers take them for line breaks) and U+FEFF
     * (a byte order mark to some readers); a lone surrogate is in none of the ranges.
     */
    private static boolean allowedRaw(char c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }
}
