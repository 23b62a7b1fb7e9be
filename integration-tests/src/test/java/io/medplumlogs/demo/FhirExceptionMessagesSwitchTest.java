package io.medplumlogs.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code quarkus.medplum-logs.fhir.exception-messages=true} gives HAPI's exception messages back in full (by
 * default they are reduced to codes and status, see {@code PhiCanaryIT}); URL queries in messages stay redacted.
 */
@QuarkusTest
@TestProfile(FhirExceptionMessagesSwitchTest.MessagesOn.class)
class FhirExceptionMessagesSwitchTest {

    // One behaviour per test class with its own app: the set-up lines look alike across these tests.
    public static class MessagesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.medplum-logs.fhir.exception-messages", "true");
        }
    }

    @Test
    void hapisMessagesAreWrittenInFullWhileUrlQueriesStayRedacted() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response notFound = given().get("/fhir/R4/Patient/synthetic-missing-id").andReturn();
            Response boom = given().get("/demo/boom?ssn=000-00-0000").andReturn();
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(boom.statusCode()).isEqualTo(500);
            console.awaitRequestServed(notFound.header("X-Request-Id"));
            console.awaitRequestServed(boom.header("X-Request-Id"));

            List<JsonNode> hapi = console.json(m -> m.startsWith("Failure during REST processing"));
            assertThat(hapi).anySatisfy(l -> assertThat(l.path("msg").asText())
                    .endsWith("HAPI-0971: Resource Patient/synthetic-missing-id is not known"));
            assertThat(console.json(m -> m.startsWith("HTTP Request to /demo/boom")))
                    .anySatisfy(l -> assertThat(l.path("msg").asText()).startsWith("HTTP Request to /demo/boom?ssn=*** "));
            assertThat(String.join("", console.lines())).doesNotContain("000-00-0000");
        }
    }
}
