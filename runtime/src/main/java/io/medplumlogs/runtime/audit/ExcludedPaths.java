package io.medplumlogs.runtime.audit;

import java.util.ArrayList;
import java.util.List;

import io.medplumlogs.runtime.http.UrlText;

/**
 * The configured path prefixes that get no {@code Request served} line, matched against the path the router
 * serves rather than the raw request line: {@code /q/%2E%2E/secure/whoami} is served as {@code /secure/whoami}, so
 * it must be audited although it starts with {@code /q/}. Prefixes cover whole segments: {@code /health} covers
 * {@code /health} and {@code /health/live}, never {@code /healthcare}.
 */
public final class ExcludedPaths {

    private final List<String> prefixes;

    /**
     * @param configured absolute path prefixes such as {@code /health} or {@code /q/}; a trailing slash makes no
     *        difference and {@code /} covers every path
     * @throws IllegalArgumentException if a prefix is not an absolute path without query or fragment
     */
    public ExcludedPaths(List<String> configured) {
        List<String> normalized = new ArrayList<>();
        for (String prefix : configured) {
            normalized.add(normalizePrefix(prefix));
        }
        this.prefixes = List.copyOf(normalized);
    }

    /**
     * Whether a request for {@code rawPath} (as sent, not decoded) gets no audit line. Only when every reading a
     * server in this process may route on is under a prefix: Vert.x Web's (and so Quarkus REST's) normalized path,
     * which decodes unreserved characters, removes dot segments and merges {@code //}, and the same after removing
     * {@code ;} path parameters, which servlet containers (Undertow) do before they match a servlet. A path no
     * router can read (malformed percent-encoding) is audited.
     */
    public boolean covers(String rawPath) {
        if (prefixes.isEmpty() || rawPath == null) {
            return false;
        }
        String routed = routed(rawPath);
        if (routed == null || !underAPrefix(routed)) {
            return false;
        }
        String withoutParameters = UrlText.withoutPathParameters(rawPath);
        if (withoutParameters.equals(rawPath)) {
            return true;
        }
        String servletRouted = routed(withoutParameters);
        return servletRouted != null && underAPrefix(servletRouted);
    }

    private boolean underAPrefix(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** Vert.x' own normalization (what {@code RoutingContext.normalizedPath()} returns), or null if it can't read it. */
    private static String routed(String path) {
        return UrlText.normalizedPath(path);
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        if (!p.startsWith("/") || p.indexOf('?') >= 0 || p.indexOf('#') >= 0 || p.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("'" + prefix
                    + "' is not a path prefix: expected an absolute path without query, e.g. /health");
        }
        String normalized = routed(p);
        if (normalized == null) {
            throw new IllegalArgumentException("'" + prefix + "' has malformed percent-encoding");
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }
}
