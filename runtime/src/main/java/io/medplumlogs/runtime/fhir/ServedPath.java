package io.medplumlogs.runtime.fhir;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.medplumlogs.runtime.http.UrlText;

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
 * <p>
 * What a segment decodes to is only ever matched against the FHIR patterns, never written: a segment that is no
 * FHIR id still tells where HAPI dispatches the request (to the read of that id, say), but its text stays out of the
 * line.
 */
final class ServedPath {

    private ServedPath() {
    }

    /** Vert.x' normalized path (what {@code RoutingContext.normalizedPath()} returns), or null if malformed. */
    static String normalized(String rawPath) {
        return UrlText.normalizedPath(rawPath);
    }

    /**
     * One segment as HAPI FHIR 8.6.1 behind Undertow reads it, or {@code null} where it cannot, before dispatching to
     * any binding (a malformed escape: Undertow refuses it, or HAPI's second decoding throws, 500). Undertow decodes
     * the segment as UTF-8, bytes that are not UTF-8 becoming U+FFFD (a raw non-ASCII character stands for its UTF-8
     * bytes); HAPI's tokenizer then decodes it again if a {@code %} or a {@code +} remains, reading {@code +} as a
     * space there ({@code URLDecoder}). A {@code +} that is not decoded again stays {@code +}.
     */
    static String readByHapi(String segment) {
        String once = decodedLeniently(segment);
        if (once == null || (once.indexOf('%') < 0 && once.indexOf('+') < 0)) {
            return once;
        }
        try {
            return URLDecoder.decode(once, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether HAPI FHIR takes a segment ({@link #readByHapi read}) for no value at all: its tokenizer drops control
     * characters but line ends (which it escapes as {@code &#10;}, {@code &#13;}), and its ids treat what is left
     * blank (white space only, {@code StringUtils.isBlank}) as absent. So {@code Patient/%20} is a read with no id, and
     * {@code Patient/1/_history/%20} the read of Patient/1, no version.
     */
    static boolean blankToHapi(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\n' || c == '\r' || (c >= ' ' && !Character.isWhitespace(c))) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoded as UTF-8, malformed UTF-8 replaced by U+FFFD; {@code null} for a malformed escape. */
    private static String decodedLeniently(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (lo < 0) {
                return null;
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8); // replaces malformed input with U+FFFD
    }
}
