package io.medplumlogs.runtime.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.medplumlogs.runtime.http.UrlText;

/**
 * A request path read the way the server that answers it reads it, so that {@code /fhir/R4/%50atient/%31} is
 * classified like {@code /fhir/R4/Patient/1}, which HAPI FHIR serves for it.
 * <p>
 * Two layers read a path: the router (Vert.x Web, and Quarkus REST on top of it) routes on Vert.x' normalized path
 * (percent-encoded unreserved characters decoded, dot segments resolved, {@code //} merged); a FHIR server then
 * decodes each segment. HAPI FHIR behind Undertow decodes the path as sent ({@link #readByHapi}), drops the control
 * characters of each segment, and decodes an id or a version once more ({@link #idByHapi}): it serves
 * {@code Patient/%2531} and {@code Patient/1%01} as {@code Patient/1}, and {@code %2550atient/1} as a type it does not
 * know. The id written is the one HAPI serves the request for, if that is a FHIR id.
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
     * One segment as HAPI FHIR 8.6.1's path reader hands it on (its {@code UrlPathTokenizer}), or {@code null} where
     * HAPI cannot read it and answers 500 before dispatching to any binding (a malformed escape). Undertow hands HAPI
     * the path as sent ({@code getRequestURI}); HAPI decodes each segment ({@code UrlUtil.unescape}: {@code URLDecoder}
     * as UTF-8 if a {@code %} or a {@code +} is in it, {@code +} read as a space, malformed UTF-8 as U+FFFD) and then
     * sanitizes it ({@code UrlUtil.sanitizeUrlPart}): every control character but the line ends is dropped, and line
     * ends, quotes, {@code <} and {@code >} become XML entities. So HAPI serves {@code Patient/1%01},
     * {@code Pat%09ient/1} and {@code Patient/1/_hist%00ory/2} as {@code Patient/1} and its version 2: what is dropped
     * must be dropped here too, or the line misses the resource HAPI served. The type, an operation and
     * {@code _history} are matched on this; an id or a version is decoded once more ({@link #idByHapi}).
     */
    static String readByHapi(String segment) {
        String decoded = unescaped(segment);
        return decoded == null ? null : sanitized(decoded);
    }

    /**
     * The id (or version) HAPI FHIR builds from a segment it reads ({@link #readByHapi}) where it wants one: it decodes
     * that once more before {@code IIdType.setParts} ({@code RestfulServer.populateRequestDetailsFromRequestPath}), so
     * {@code Patient/%2531} is its read of Patient/1. What this second decoding makes of the segment stays: control
     * characters were dropped before it ({@code Patient/1%2501} is the id "1" and U+0001, not Patient/1). {@code null}
     * where HAPI cannot decode it (500 before any binding: {@code Patient/a%25b}).
     */
    static String idByHapi(String segment) {
        return unescaped(segment);
    }

    /**
     * Whether the id (or version) HAPI FHIR builds from a segment ({@link #idByHapi}) is none to it: its ids treat a
     * blank one (white space only, {@code StringUtils.isBlank}, or nothing left once control characters are dropped) as
     * absent. So {@code Patient/%20} and {@code Patient/%09} are a read with no id, and {@code Patient/1/_history/%20}
     * the read of Patient/1, no version. A line end is no blank: HAPI made it {@code &#10;}.
     */
    static boolean blankToHapi(String segment) {
        String id = idByHapi(segment);
        return id == null || id.chars().allMatch(Character::isWhitespace);
    }

    /**
     * {@code UrlUtil.unescape}: decoded if a {@code %} or {@code +} is in it, else as it is; {@code null} for a malformed
     * escape ({@code URLDecoder} throws; HAPI answers 500). HAPI leaves a {@code +} of a value starting with
     * {@code application/} alone: such a value holds a {@code /}, so it is no FHIR id or type either way.
     */
    private static String unescaped(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code UrlUtil.sanitizeUrlPart}: control characters but line ends dropped; line ends, quotes, {@code <>} escaped. */
    private static String sanitized(String s) {
        if (nothingToSanitize(s)) {
            return s; // nearly every segment: no copy per segment of every request
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c >= ' ') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean nothingToSanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c == '"' || c == '\'' || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }
}
