package io.medplumlogs.runtime.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.vertx.core.http.impl.HttpUtils;

/**
 * Reading request paths and queries the way the server does, shared by the audit exclusions, the FHIR classifier
 * and the query redaction so that all three read a request alike. Nothing here throws on client input: what a
 * server could not read either is {@code null}.
 */
public final class UrlText {

    private UrlText() {
    }

    /**
     * Vert.x' normalized path (what {@code RoutingContext.normalizedPath()} returns and the router routes on:
     * unreserved characters decoded, dot segments resolved, {@code //} merged), or {@code null} if it cannot read it.
     */
    public static String normalizedPath(String rawPath) {
        // The common case, and Vert.x 5's own shortcut: without '%', '.' or "//" there is nothing to decode, no dot
        // segment and nothing to merge, so the path is its own normalization (UrlTextTest holds the two together).
        if (rawPath != null && !rawPath.isEmpty() && rawPath.charAt(0) == '/' && rawPath.indexOf('%') < 0
                && rawPath.indexOf('.') < 0 && rawPath.indexOf("//") < 0) {
            return rawPath;
        }
        try {
            return HttpUtils.normalizePath(rawPath);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Percent-decodes as UTF-8; {@code null} for a malformed escape or bytes that are not UTF-8. A raw non-ASCII
     * character stands for its UTF-8 bytes.
     *
     * @param plusIsSpace {@code true} in a query ({@code application/x-www-form-urlencoded}), {@code false} in a path
     */
    public static String percentDecoded(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The path without each segment's path parameters ({@code /a;x=1/b} is {@code /a/b}): what a reader that drops
     * them (the servlet container) serves.
     */
    public static String withoutPathParameters(String path) {
        if (path.indexOf(';') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        boolean inParameter = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                inParameter = false;
            } else if (c == ';') {
                inParameter = true;
            }
            if (!inParameter) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The path of an absolute-form target {@code scheme://authority/path?query#fragment}; "/" when it has none. */
    public static String pathOfAbsoluteTarget(String target) {
        int start = authorityEnd(target);
        int end = start;
        while (end < target.length() && target.charAt(end) != '?' && target.charAt(end) != '#') {
            end++;
        }
        return start < end ? target.substring(start, end) : "/";
    }

    /** The query of an absolute-form target, or {@code null} when it has none. */
    public static String queryOfAbsoluteTarget(String target) {
        int start = authorityEnd(target);
        int q = target.indexOf('?', start);
        int hash = target.indexOf('#', start);
        if (q < 0 || hash >= 0 && hash < q) {
            return null;
        }
        return target.substring(q + 1, hash < 0 ? target.length() : hash);
    }

    private static int authorityEnd(String target) {
        int scheme = target.indexOf("://");
        int end = scheme < 0 ? 0 : scheme + 3;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        return end;
    }
}
