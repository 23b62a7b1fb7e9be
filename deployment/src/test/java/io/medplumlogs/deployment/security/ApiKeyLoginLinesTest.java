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
 * A client that sends a bare API key as its whole {@code Authorization} header, to a mechanism of the application's
 * own: the failed attempt is logged, and the key is written nowhere, not even as the "scheme" of the mechanism field.
 */
class ApiKeyLoginLinesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class, ApiKeyMechanism.class),
            "pw");

    @Test
    void aBareKeyIsNeverWrittenAsTheMechanism() {
        String bareKey = "sk-live-4f9a2c7e81b3";
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Authorization", bareKey).get("/secured").then().statusCode(401);
            given().header("Authorization", "Bearer " + jwt).get("/secured").then().statusCode(401);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 2);
            assertThat(failed).extracting(line -> line.get("mechanism").asText()).containsExactly("unknown", "bearer");
            assertThat(failed).extracting(line -> line.get("reason").asText())
                    .containsExactly("AuthenticationFailedException", "AuthenticationFailedException");
            assertThat(console.lines()).noneMatch(l -> l.contains(bareKey) || l.contains(jwt) || l.contains("sk-live"));
        }
    }
}
