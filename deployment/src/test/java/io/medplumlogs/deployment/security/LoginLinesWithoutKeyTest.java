package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * No {@code user-identity-key} (log-contract.adoc#identity, #failed-login-user): the hash uses a random per-process key,
 * a warning says so at start-up, and a failed login's typed name is still hashed, never written.
 */
class LoginLinesWithoutKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .setLogRecordPredicate(r -> r.getMessage() != null && r.getMessage().contains("user-identity-key"))
            .assertLogRecords(records -> assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).contains("random key");
            }));

    @Test
    void successAndFailureAreHashedWithTheSameRandomKey() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", "pw").get("/secured").then().statusCode(200);
            given().auth().preemptive().basic("alice", "wrong").get("/secured").then().statusCode(401);

            JsonNode ok = console.await(m -> m.equals("Login succeeded"), 1).get(0);
            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
            assertThat(ok.get("user").asText()).matches("[0-9a-f]{16}");
            assertThat(failed).singleElement()
                    .satisfies(l -> assertThat(l.get("user").asText()).isEqualTo(ok.get("user").asText()));
            assertThat(console.lines()).noneMatch(l -> l.contains("alice"));
        }
    }
}
