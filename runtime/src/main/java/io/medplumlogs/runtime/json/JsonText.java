package io.medplumlogs.runtime.json;

/**
 * JSON string escaping with a byte budget. Everything that goes into a log line passes through here, so a value can
 * never break out of its string, split a line, or leave invalid UTF-8 behind.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code "value"} with JSON escaping; returns the UTF-8 bytes appended. */
    static int appendQuoted(StringBuilder out, String value) {
        return appendQuoted(out, value, Integer.MAX_VALUE);
    }

    /**
     * Appends {@code "value"}, escaped, stopping before the escaped value would exceed {@code maxBytes} UTF-8 bytes
     * (quotes not counted). Never cuts inside an escape sequence or a surrogate pair.
     *
     * @return UTF-8 bytes appended including the quotes, negated when the value was cut
     */
    static int appendQuoted(StringBuilder out, String value, int maxBytes) {
        out.append('"');
        int bytes = 0;
        int len = value.length();
        boolean cut = false;
        int runStart = 0; // plain ASCII is copied in runs: most log text is nothing else
        int i = 0;
        while (i < len) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (bytes + 1 > maxBytes) {
                    cut = true;
                    break;
                }
                bytes++;
                i++;
                continue;
            }
            if (i > runStart) {
                out.append(value, runStart, i);
            }
            int cost;
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                cost = 2;
                if (bytes + cost > maxBytes) {
                    cut = true;
                    runStart = i;
                    break;
                }
                out.append('\\').append(switch (c) {
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\t' -> 't';
                    case '\b' -> 'b';
                    case '\f' -> 'f';
                    default -> c;
                });
            } else if (needsUnicodeEscape(c)) {
                cost = 6;
                if (bytes + cost > maxBytes) {
                    cut = true;
                    runStart = i;
                    break;
                }
                appendUnicodeEscape(out, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(value.charAt(i + 1))) {
                cost = 4;
                if (bytes + cost > maxBytes) {
                    cut = true;
                    runStart = i;
                    break;
                }
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cost = 3; // lone surrogate: not encodable as UTF-8, write U+FFFD
                if (bytes + cost > maxBytes) {
                    cut = true;
                    runStart = i;
                    break;
                }
                out.append('\uFFFD');
            } else {
                cost = c < 0x800 ? 2 : 3;
                if (bytes + cost > maxBytes) {
                    cut = true;
                    runStart = i;
                    break;
                }
                out.append(c);
            }
            bytes += cost;
            i++;
            runStart = i;
        }
        if (i > runStart) {
            out.append(value, runStart, i);
        }
        out.append('"');
        return cut ? -(bytes + 2) : bytes + 2;
    }

    /** UTF-8 bytes that {@link #appendQuoted(StringBuilder, String)} would append, quotes included. */
    static int quotedLength(String value) {
        int bytes = 2;
        int len = value.length();
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                bytes += (c == '"' || c == '\\') ? 2 : 1;
            } else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                bytes += 2;
            } else if (needsUnicodeEscape(c)) {
                bytes += 6;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }

    /** Whether {@link #appendQuoted} writes U+FFFD for part of {@code value}: it holds a surrogate without its pair. */
    static boolean hasLoneSurrogate(String value) {
        int len = value.length();
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} as {@link #appendQuoted} writes it, unescaped: each lone surrogate is U+FFFD. */
    static String withoutLoneSurrogates(String value) {
        int len = value.length();
        StringBuilder out = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * C0 controls must be escaped in JSON. DEL, the C1 controls (U+0080 to U+009F, among them NEL, which some
     * line-based readers take for a line end) and the JS line separators are legal JSON but break line-oriented
     * tools or terminals; they are escaped too.
     */
    static boolean needsUnicodeEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
