package io.medplumlogs.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The login line's mechanism never repeats what a client put in its Authorization header, except a known scheme. */
class AuthorizationSchemeTest {

    @Test
    void aKnownSchemeIsItsWordLowerCasedWithoutTheCredential() {
        assertThat(AuthorizationScheme.of("Basic YWxpY2U6cHc=")).isEqualTo("basic");
        assertThat(AuthorizationScheme.of("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isEqualTo("bearer");
        assertThat(AuthorizationScheme.of("DPoP\teyJhbGciOiJFUzI1NiJ9")).isEqualTo("dpop");
        assertThat(AuthorizationScheme.of("  AWS4-HMAC-SHA256 Credential=AKIA/2026")).isEqualTo("aws4-hmac-sha256");
        assertThat(AuthorizationScheme.of("bearer")).isEqualTo("bearer");
    }

    @Test
    void aBareKeyWithoutSchemeIsNeverWritten() {
        // short, lower-case, dashes: the shape of a scheme word, but the whole header is the credential
        assertThat(AuthorizationScheme.of("sk-live-4f9a2c7e81b3")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("4f9a2c7e81b3")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("SK-LIVE-4F9A2C7E")).isEqualTo("unknown");
    }

    @Test
    void anUnknownOrMalformedSchemeIsUnknown() {
        // a custom scheme's word may itself be chosen per tenant; only the registry's words are written
        assertThat(AuthorizationScheme.of("Token abc123")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("basic\u0000 YWxpY2U6cHc=")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("Bearer-ish xyz")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("   ")).isEqualTo("unknown");
    }

    @Test
    void aSchemeWordGluedToJunkOrATokenInTheSchemePositionIsUnknown() {
        // RFC 7235: the scheme is a token ended by a space; a comma, '=' or a non-breaking space keeps the word going
        assertThat(AuthorizationScheme.of("Bearer,x")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("Basic=YWxpY2U6cHc=")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("Bearer\u00a0eyJhbGciOiJSUzI1NiJ9")).isEqualTo("unknown");
        assertThat(AuthorizationScheme.of("basicYWxpY2U6cHc=")).isEqualTo("unknown");
        // a JWT or an opaque token sent where the scheme goes, followed by a known word: never written
        assertThat(AuthorizationScheme.of("eyJhbGciOiJSUzI1NiJ9.e30.c2ln Bearer")).isEqualTo("unknown");
        // letters that only look like ASCII (Latin-1 as Netty decodes header bytes): no scheme
        assertThat(AuthorizationScheme.of("B\u00e9arer x")).isEqualTo("unknown");
    }
}
