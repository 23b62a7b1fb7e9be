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

    /** {@code json}, which holds no lone surrogate half, as a tree node's raw value. */
    public static RawValue of(String json) {
        return new RawValue(new RawJsonText(json));
    }
}
