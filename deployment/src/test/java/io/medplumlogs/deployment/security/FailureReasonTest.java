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
 * {@code reason} is the failure's class simple name, never its message (log-contract.adoc#login-lines): a mechanism
 * whose exception repeats the refused key must not get the key into any line, and an anonymous exception class, whose
 * simple name is empty, still gives a reason an auditor can count.
 */
class FailureReasonTest {

    private static final String KEY = "tok-9f8e7d6c5b4a";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(
            TestApp.withJson(SecuredResource.class, TalkativeFailureMechanism.class), "pw");

    @Test
    void theReasonIsTheClassNeverTheMessage() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Authorization", "Token " + KEY).get("/secured").then().statusCode(401);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
            assertThat(failed).singleElement().satisfies(l -> {
                assertThat(l.get("reason").asText()).isEqualTo("AuthenticationFailedException");
                assertThat(l.get("mechanism").asText()).isEqualTo("unknown");
            });
            assertThat(console.lines()).noneMatch(l -> l.contains(KEY) || l.contains("refused key")
                    || l.contains("directory said"));
        }
    }

    @Test
    void anAnonymousExceptionClassStillGivesAReason() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            // Quarkus answers an exception other than its AuthenticationFailedException with a 500; the attempt still failed
            given().header("Authorization", "Token anon").get("/secured").then().statusCode(500);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
            assertThat(failed).singleElement().satisfies(l -> assertThat(l.path("reason").asText())
                    .as(l.toString()).isEqualTo("SecurityException"));
            // Quarkus' own error log of the 500 is the application's; no line of this extension holds the message
            assertThat(console.lines()).filteredOn(l -> l.contains("\"logger\":\"io.medplumlogs."))
                    .noneMatch(l -> l.contains("anon-secret-42"));
        }
    }
}
