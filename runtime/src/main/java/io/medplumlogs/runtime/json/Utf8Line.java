package io.medplumlogs.runtime.json;

import java.nio.charset.StandardCharsets;

/**
 * A line's characters as UTF-8 bytes in an array of its own. Nearly every line is ASCII (the JSON line escapes
 * nothing beyond what the message holds), so that case is one narrowing copy; any other character leaves the whole
 * line to the JDK's encoder, which also writes an unpaired surrogate as {@code ?} as the console's encoder did.
 */
final class Utf8Line {

    private Utf8Line() {
    }

    static byte[] of(char[] chars, int off, int len) {
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            char c = chars[off + i];
            if (c >= 0x80) {
                return new String(chars, off, len).getBytes(StandardCharsets.UTF_8);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
