package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * log-contract.adoc#login-lines: {@code oidc} for Quarkus OIDC's cookies ({@code q_session}, {@code q_auth}, a
 * tenant's {@code q_session_<tenant>}, the {@code _chunk_<n>} parts), read from the request's real {@code Cookie}
 * header among others; a name in another case is no Quarkus OIDC cookie; the cookie's value is never written.
 */
class OidcCookieLoginLinesTest {

    private static final String TOKEN = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.secret-session";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(
            TestApp.withJson(SecuredResource.class, SessionCookieMechanism.class), "pw");

    @Test
    void quarkusOidcCookiesAreOidcAndLookAlikesAreNot() {
        String[][] cases = { { "theme=dark; q_session_tenant-a_chunk_2=" + TOKEN + "; lang=en", "oidc" },
                { "q_auth_tenant-a_1f2e=" + TOKEN, "oidc" }, { "q_session=" + TOKEN, "oidc" },
                { "Q_SESSION=" + TOKEN, "unknown" }, { "q_sessionid=" + TOKEN, "unknown" } };
        for (String[] c : cases) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                given().header("Cookie", c[0]).get("/secured").then().statusCode(401);
                List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
                assertThat(failed).as(c[0]).singleElement()
                        .satisfies(l -> assertThat(l.get("mechanism").asText()).as(c[0]).isEqualTo(c[1]));
                assertThat(console.lines()).noneMatch(l -> l.contains("secret-session") || l.contains("eyJhbGc"));
            }
        }
    }
}
