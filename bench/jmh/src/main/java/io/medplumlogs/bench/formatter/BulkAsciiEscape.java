package io.medplumlogs.bench.formatter;

import io.medplumlogs.runtime.json.BenchJsonText;

/**
 * The fix proposed for JsonText.appendQuoted, for comparison only (the product is not changed from bench/): copy each
 * run of plain printable ASCII with one {@code StringBuilder.append(CharSequence, int, int)} instead of one
 * {@code append(char)} per character, and size the builder once. Anything else is delegated to the product's escaping,
 * one character at a time, so the output is byte-for-byte the same.
 */
public final class BulkAsciiEscape {

    private BulkAsciiEscape() {
    }

    public static int appendQuoted(StringBuilder out, String value, int maxBytes) {
        out.ensureCapacity(out.length() + value.length() + 2);
        out.append('"');
        int bytes = 0;
        int len = value.length();
        int i = 0;
        while (i < len) {
            int start = i;
            int room = maxBytes - bytes;
            while (i < len && i - start < room) {
                char c = value.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                i++;
            }
            out.append(value, start, i);
            bytes += i - start;
            if (i == len) {
                break;
            }
            if (i - start == room) {
                out.append('"');
                return -(bytes + 2);
            }
            // one special character (or surrogate pair): the product's own escaping, on a one-char (or pair) string
            int end = Character.isHighSurrogate(value.charAt(i)) && i + 1 < len ? i + 2 : i + 1;
            int mark = out.length();
            int n = BenchJsonText.appendQuoted(out, value.substring(i, end), maxBytes - bytes);
            // drop the two quotes it wrote around the piece
            out.deleteCharAt(out.length() - 1);
            out.deleteCharAt(mark);
            if (n < 0) {
                out.append('"');
                return -(bytes + (-n - 2) + 2);
            }
            bytes += n - 2;
            i = end;
        }
        out.append('"');
        return bytes + 2;
    }
}
