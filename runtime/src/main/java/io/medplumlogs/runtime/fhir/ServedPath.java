package io.medplumlogs.runtime.fhir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.vertx.core.http.impl.HttpUtils;

/**
 * A request path read the way the server that answers it reads it, so that {@code /fhir/R4/%50atient/%31} is
 * classified like {@code /fhir/R4/Patient/1}, which HAPI FHIR serves for it.
 * <p>
 * Two layers read a path: the router (Vert.x Web, and Quarkus REST on top of it) routes on Vert.x' normalized path
 * (percent-encoded unreserved characters decoded, dot segments resolved, {@code //} merged); a FHIR server then
 * decodes each segment. HAPI FHIR behind Undertow even decodes twice (Undertow decodes the path, HAPI's tokenizer
 * each segment again): it serves {@code Patient/%2531} as {@code Patient/1}. Decoding a segment a second time can
 * only turn a value that is no FHIR id or type (it still holds a {@code %}) into one, so it never changes the
 * classification of a path a single decoding already reads.
 */
final class ServedPath {

    private ServedPath() {
    }

    /** Vert.x' normalized path (what {@code RoutingContext.normalizedPath()} returns), or null if malformed. */
    static String normalized(String rawPath) {
        try {
            return HttpUtils.normalizePath(rawPath);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * One segment percent-decoded as UTF-8, a second time if a {@code %} remains; {@code null} for malformed
     * escapes or bytes that are not UTF-8. {@code +} stays {@code +}: it means a space only in queries.
     */
    static String decodedSegment(String segment) {
        String once = decode(segment);
        return once == null || once.indexOf('%') < 0 ? once : decode(once);
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null; // a raw non-ASCII character is no part of a FHIR id or type anyway
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
