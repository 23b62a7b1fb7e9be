package io.medplumlogs.runtime.fhir;

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
 */
final class ServedPath {

    private ServedPath() {
    }

    /** Vert.x' normalized path (what {@code RoutingContext.normalizedPath()} returns), or null if malformed. */
    static String normalized(String rawPath) {
        return UrlText.normalizedPath(rawPath);
    }

    /**
     * One segment percent-decoded as UTF-8, a second time if a {@code %} remains; {@code null} for malformed
     * escapes, bytes that are not UTF-8, or a raw non-ASCII character (no part of a FHIR id or type anyway).
     * {@code +} stays {@code +}: it means a space only in queries.
     */
    static String decodedSegment(String segment) {
        String once = asciiDecoded(segment);
        return once == null || once.indexOf('%') < 0 ? once : asciiDecoded(once);
    }

    private static String asciiDecoded(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return null;
            }
        }
        return UrlText.percentDecoded(s, false);
    }
}
