package io.medplumlogs.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The login line's mechanism names the scheme the request used, and claims none when that is ambiguous. */
class LoginMechanismTest {

    @Test
    void oneAuthorizationHeaderNamesItsScheme() {
        assertThat(LoginAttemptLogger.mechanism(List.of("Basic YWxpY2U6d3Jvbmc="), "/secure", false))
                .isEqualTo("basic");
        assertThat(LoginAttemptLogger.mechanism(List.of("Bearer a", "bearer b"), "/secure", false))
                .isEqualTo("bearer");
    }

    @Test
    void headersNamingDifferentSchemesAreUnknownNotTheFirstOne() {
        // Bearer first, then the Basic header whose user the failed line hashes: "bearer" would be wrong
        assertThat(LoginAttemptLogger.mechanism(List.of("Bearer sometoken", "Basic YWxpY2U6d3Jvbmc="), "/secure",
                false)).isEqualTo(AuthorizationScheme.UNKNOWN);
    }

    @Test
    void withoutAnAuthorizationHeaderFormLoginAndOidcSessionsAreNamed() {
        assertThat(LoginAttemptLogger.mechanism(List.of(), "/j_security_check", false)).isEqualTo("form");
        assertThat(LoginAttemptLogger.mechanism(List.of(), "/app", true)).isEqualTo("oidc");
        assertThat(LoginAttemptLogger.mechanism(null, "/app", false)).isEqualTo(AuthorizationScheme.UNKNOWN);
    }

    @Test
    void quarkusOidcCookiesOfEveryTenantAndChunkAreOidc() {
        // a hunt: only the exact q_session was recognised; a tenant's, a chunked session's and the code flow's
        // callback (state cookie) logins were unknown
        for (String name : new String[] { "q_session", "q_session_tenant-a", "q_session_chunk_1",
                "q_session_tenant-a_chunk_2", "q_auth", "q_auth_tenant-a_1f2e3d" }) {
            assertThat(LoginAttemptLogger.isOidcCookie(name)).as(name).isTrue();
        }
        // cookie names are case-sensitive: Quarkus OIDC does not read a Q_SESSION cookie, so it took no attempt
        for (String name : new String[] { "q_sessionx", "Q_SESSION", "Q_Session_tenant-a", "Q_AUTH", " q_session", "JSESSIONID", "session", "q_authx", "", null }) {
            assertThat(LoginAttemptLogger.isOidcCookie(name)).as(name).isFalse();
        }
    }
}
