package io.medplumlogs.maven.terraform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal HCL2 writer: blocks with attributes and nested blocks, and expressions that are quoted strings (escaped,
 * including Terraform's {@code ${} and {@code %{} template sequences), numbers, raw references, lists and objects.
 * Output order is the order of the calls, so the same calls give the same bytes.
 */
final class Hcl {

    /** An expression in HCL syntax, rendered at an indentation level (for multi-line lists and objects). */
    interface Expr {
        String render(int indent);
    }

    static Expr str(String text) {
        return indent -> quote(text);
    }

    static Expr num(long value) {
        return indent -> Long.toString(value);
    }

    static Expr bool(boolean value) {
        return indent -> Boolean.toString(value);
    }

    /** A reference or function call written as is, e.g. {@code aws_sqs_queue.dlq.arn}. */
    static Expr raw(String expression) {
        return indent -> expression;
    }

    static Expr call(String function, Expr argument) {
        return indent -> function + "(" + argument.render(indent) + ")";
    }

    static Expr list(List<Expr> items) {
        return indent -> {
            if (items.isEmpty()) {
                return "[]";
            }
            StringBuilder b = new StringBuilder("[\n");
            for (Expr item : items) {
                b.append(pad(indent + 1)).append(item.render(indent + 1)).append(",\n");
            }
            return b.append(pad(indent)).append(']').toString();
        };
    }

    static Expr strings(List<String> items) {
        return list(items.stream().map(Hcl::str).toList());
    }

    static Expr object(Map<String, Expr> entries) {
        return indent -> {
            if (entries.isEmpty()) {
                return "{}";
            }
            StringBuilder b = new StringBuilder("{\n");
            entries.forEach((key, value) -> b.append(pad(indent + 1)).append(key(key)).append(" = ")
                    .append(value.render(indent + 1)).append('\n'));
            return b.append(pad(indent)).append('}').toString();
        };
    }

    static Map<String, Expr> entries(Object... keysAndValues) {
        Map<String, Expr> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            m.put((String) keysAndValues[i], value instanceof Expr e ? e : value instanceof Number n
                    ? num(n.longValue()) : value instanceof Boolean bo ? bool(bo) : str((String) value));
        }
        return m;
    }

    static Expr object(Object... keysAndValues) {
        return object(entries(keysAndValues));
    }

    /**
     * A quoted string Terraform reads back as {@code text}. Other characters HCL takes raw; an unpaired surrogate it
     * cannot hold even escaped ("Cannot encode character U+d800 in UTF-8"), so one is refused here rather than
     * written into a file that fails {@code terraform init} (the goal refuses it in its input first).
     */
    // Alike Yaml.quote on purpose, not shared: HCL's string template also needs ${ and %{ escaped.
    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (Character.isSurrogatePair(c, next)) {
                q.append(c).append(next);
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("U+%04X at character %d of '%s' is half of a"
                        + " surrogate pair, which no Terraform string can hold", (int) c, i + 1, text));
            }
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                // a literal ${ or %{ would start a template interpolation/directive
                case '$', '%' -> q.append(c).append(next == '{' ? String.valueOf(c) : "");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\u%04X", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static String key(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? key : quote(key);
    }

    private static String pad(int indent) {
        return "  ".repeat(indent);
    }

    /** A block such as {@code resource "aws_sqs_queue" "dlq" { ... }}. */
    static final class Block {
        private final String header;
        private final List<Object> body = new ArrayList<>();

        Block(String type, String... labels) {
            StringBuilder h = new StringBuilder(type);
            for (String label : labels) {
                h.append(' ').append(quote(label));
            }
            this.header = h.toString();
        }

        Block attr(String name, Expr value) {
            body.add(Map.entry(name, value));
            return this;
        }

        Block attr(String name, String value) {
            return attr(name, str(value));
        }

        Block attr(String name, long value) {
            return attr(name, num(value));
        }

        Block block(Block nested) {
            body.add(nested);
            return this;
        }

        String render(int indent) {
            if (body.isEmpty()) {
                return pad(indent) + header + " {}\n";
            }
            StringBuilder b = new StringBuilder(pad(indent)).append(header).append(" {\n");
            for (Object item : body) {
                if (item instanceof Block nested) {
                    b.append(nested.render(indent + 1));
                } else {
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, Expr> attribute = (Map.Entry<String, Expr>) item;
                    b.append(pad(indent + 1)).append(attribute.getKey()).append(" = ")
                            .append(attribute.getValue().render(indent + 1)).append('\n');
                }
            }
            return b.append(pad(indent)).append("}\n").toString();
        }
    }

    /** Blocks separated by blank lines, as {@code terraform fmt} leaves them. */
    static String file(String headerComment, List<Block> blocks) {
        StringBuilder b = new StringBuilder();
        for (String line : headerComment.split("\n")) {
            b.append("# ").append(line).append('\n');
        }
        for (Block block : blocks) {
            b.append('\n').append(block.render(0));
        }
        return b.toString();
    }
}
