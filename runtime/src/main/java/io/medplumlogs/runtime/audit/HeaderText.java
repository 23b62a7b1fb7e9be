package io.medplumlogs.runtime.audit;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Header values as the client meant them. Netty turns each header byte into one char (ISO-8859-1), so a User-Agent
 * sent as UTF-8 ({@code Müller}) arrives as mojibake ({@code MÃ¼ller}). Where the bytes form valid UTF-8 they are
 * decoded as UTF-8; otherwise the one-char-per-byte form is kept, in which the JSON line escapes the C0 and C1
 * control characters.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** The value decoded as UTF-8 when its chars are bytes that form valid UTF-8; the value itself otherwise. */
    public static String decoded(String latin1) {
        if (latin1 == null) {
            return null;
        }
        int len = latin1.length();
        boolean nonAscii = false;
        for (int i = 0; i < len; i++) {
            char c = latin1.charAt(i);
            if (c > 0xff) {
                return latin1; // not one char per byte: already decoded by whoever built it
            }
            nonAscii |= c >= 0x80;
        }
        if (!nonAscii) {
            return latin1; // the common case: nothing to do, no copy
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}
