package io.medplumlogs.forwarder.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * A text in consecutive pieces that each fit a given number of bytes once written as a JSON string's content, which is
 * how a part's text goes into its entry. The pieces put together are the text: a piece never ends inside a character
 * (a surrogate pair stays whole), so the vendor shows no replacement character at a seam.
 */
final class TextParts {

    private TextParts() {
    }

    /**
     * @param maxJsonBytes at least 6, the most one character takes escaped; the size of a piece is counted as the
     *     entry's JSON writer writes it (a quote or backslash as two bytes, a control character as up to six)
     */
    static List<String> of(String text, int maxJsonBytes) {
        if (maxJsonBytes < 6) {
            throw new IllegalArgumentException("no room for a character: " + maxJsonBytes);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int size = pair ? 4 : jsonBytes(c);
            if (bytes + size > maxJsonBytes) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += pair ? 2 : 1;
        }
        if (start < text.length() || pieces.isEmpty()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /**
     * One UTF-16 unit (not half a pair) as JSON string content: escapes as Jackson writes them; a lone surrogate half,
     * which the entry writes as {@code ?}, counted as the most any character takes.
     */
    private static int jsonBytes(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x20) {
            return c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : 6;
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 6 : 3;
    }
}
