package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code user-identity=none} (log-contract.adoc#identity): no {@code user} field, on a success nor on a failure, whose
 * typed name would otherwise be hashed whatever the mode; and no warning about a missing key, since nothing is hashed.
 */
class LoginLinesWithoutUserTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .overrideConfigKey("quarkus.medplum-logs.user-identity", "none")
            .setLogRecordPredicate(r -> r.getMessage() != null && r.getMessage().contains("user-identity-key"))
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Test
    void neitherSuccessNorFailureHasAUser() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", "pw").get("/secured").then().statusCode(200);
            given().header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("mallory:x".getBytes(StandardCharsets.UTF_8))).get("/secured").then().statusCode(401);

            List<JsonNode> logins = console.await(m -> m.startsWith("Login"), 2);
            assertThat(logins).extracting(l -> l.get("msg").asText())
                    .containsExactlyInAnyOrder("Login succeeded", "Login failed");
            assertThat(logins).allSatisfy(l -> assertThat(l.has("user")).as(l.toString()).isFalse());
            assertThat(console.await(m -> m.equals("Request served"), 2))
                    .allSatisfy(l -> assertThat(l.has("user")).as(l.toString()).isFalse());
            assertThat(console.lines()).noneMatch(l -> l.contains("alice") || l.contains("mallory"));
        }
    }
}
