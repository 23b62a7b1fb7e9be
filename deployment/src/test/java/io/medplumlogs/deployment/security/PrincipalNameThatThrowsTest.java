package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A principal whose name cannot be read ({@link LazyPrincipalMechanism}) must neither fail the request the application
 * serves nor cost it its audit and login lines: they are written without a {@code user} field.
 */
class PrincipalNameThatThrowsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(
            TestApp.withJson(SecuredResource.class, LazyPrincipalMechanism.class), "pw")
            // log-contract.adoc#identity: the first such principal of the process is reported once, as a WARN naming
            // the exception's class, never its message (which may hold anything the directory said)
            .setLogRecordPredicate(r -> r.getLoggerName().equals("io.medplumlogs.runtime.identity.PrincipalName"))
            .assertLogRecords(records -> assertThat(records).singleElement().satisfies(r -> {
                String text = ((ExtLogRecord) r).getFormattedMessage();
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(text).contains("java.lang.IllegalStateException").doesNotContain("user directory");
            }));

    @Test
    void manyUnreadableNamesGiveOneWarning() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Key k-" + i).get("/secured").then().statusCode(200);
        }
    }

    @Test
    void theRequestIsServedAndItsLinesAreWrittenWithoutTheUser() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Authorization", "Key k-1").get("/secured").then().statusCode(200);

            List<JsonNode> served = console.await(m -> m.equals("Request served"), 1);
            assertThat(served).singleElement().satisfies(line -> {
                assertThat(line.path("status").asInt()).as(line.toString()).isEqualTo(200);
                assertThat(line.path("path").asText()).isEqualTo("/secured");
                assertThat(line.has("user")).as(line.toString()).isFalse();
            });
            List<JsonNode> login = console.await(m -> m.equals("Login succeeded"), 1);
            assertThat(login).singleElement().satisfies(line -> assertThat(line.has("user")).isFalse());
        }
    }
}
