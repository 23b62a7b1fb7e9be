package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;

/**
 * JSON text written into an entry as it is, with its UTF-8 form made by the JDK's string encoder (a bulk copy for
 * ASCII) instead of Jackson's per-character one. For valid UTF-16 only (no lone surrogate half): both encoders give the
 * same bytes for it, and only a lone half would differ.
 */
public final class RawJsonText extends SerializedString {

    private static final long serialVersionUID = 1L;

    private RawJsonText(String json) {
        super(json);
        _unquotedUTF8Ref = json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code text[from, to)} holds no surrogate half outside a pair, so that it may go through {@link #of}: a
     * pair is written as its 4 UTF-8 bytes by either encoder, a lone half is not.
     */
    public static boolean isWellFormed(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= to || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** {@code json}, which holds no lone surrogate half ({@link #isWellFormed}), as a tree node's raw value. */
    public static RawValue of(String json) {
        return new RawValue(new RawJsonText(json));
    }
}
