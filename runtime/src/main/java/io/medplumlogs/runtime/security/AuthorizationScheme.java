package io.medplumlogs.runtime.security;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code mechanism} of a login line as read from an {@code Authorization} header: its scheme word, but only a word
 * from a fixed list. A shape test ("a short lowercase token") is not enough: clients that send a bare API key or
 * token without a scheme ({@code Authorization: sk-live-4f9a2c7e}) would have the credential itself written as the
 * "scheme", so any word that is not a known scheme is {@code unknown}, and nothing the client chose is ever echoed.
 */
final class AuthorizationScheme {

    /** Written for a header whose scheme is not on the list, or that has no scheme at all. */
    static final String UNKNOWN = "unknown";

    /**
     * IANA's HTTP Authentication Scheme Registry (lower-cased), plus {@code ntlm} and {@code aws4-hmac-sha256}, which are
     * in wide use without being registered.
     */
    static final Set<String> KNOWN = Set.of("basic", "bearer", "concealed", "digest", "dpop", "gnap", "hoba", "mutual",
            "negotiate", "oauth", "privatetoken", "scram-sha-1", "scram-sha-256", "vapid", "ntlm", "aws4-hmac-sha256");

    private AuthorizationScheme() {
    }

    /** The header's scheme, lower-cased, when it is a known one; else {@link #UNKNOWN}. */
    static String of(String authorization) {
        String value = authorization.strip();
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        String scheme = value.substring(0, end).toLowerCase(Locale.ROOT);
        return KNOWN.contains(scheme) ? scheme : UNKNOWN;
    }
}
