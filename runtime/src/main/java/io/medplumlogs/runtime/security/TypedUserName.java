package io.medplumlogs.runtime.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.medplumlogs.runtime.http.HeaderNames;
import io.vertx.core.http.HttpServerRequest;

/**
 * The user name a client typed into a failed login, read the way Quarkus' Basic mechanism reads it: the first
 * {@code Authorization: Basic} header, base64-decoded as UTF-8, up to the first colon. Quarkus security events do
 * not carry the name of a failed attempt, so it is taken from the request. The rest of the credential (the
 * password) is dropped here and never leaves this class.
 */
final class TypedUserName {

    private static final String BASIC = "basic ";

    private TypedUserName() {
    }

    /** The typed name, or {@code null} when the request carries no Basic credential with a user part. */
    static String of(HttpServerRequest request) {
        List<String> authorizations = request.headers().getAll(HeaderNames.AUTHORIZATION);
        for (String authorization : authorizations) {
            if (authorization.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
                return basicUser(authorization.substring(BASIC.length()));
            }
        }
        return null;
    }

    static String basicUser(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String credential = new String(decoded, StandardCharsets.UTF_8);
        int colon = credential.indexOf(':');
        // Without a colon Quarkus rejects the header, and the whole value may be a password.
        return colon <= 0 ? null : credential.substring(0, colon);
    }
}
