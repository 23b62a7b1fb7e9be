package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The exact bytes of {@code Request served} lines: field order, typed values and escaping, so that a change made for
 * speed cannot quietly change what log pipelines parse. Only the values that differ per run are replaced.
 */
class RequestServedBytesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(FakeFhirResource.class);

    @Test
    void fhirSearchLine() {
        assertThat(lineOf(() -> given().header("User-Agent", "HAPI \"q\" \\ é\tx").get(
                "/fhir/R4/Patient?name:exact=Zebedee&_count=10").then().statusCode(200)))
                .isEqualTo("{\"timestamp\":\"T\",\"level\":\"INFO\",\"msg\":\"Request served\","
                        + "\"logger\":\"io.medplumlogs.audit\",\"requestId\":\"R\",\"traceId\":\"T\","
                        + "\"method\":\"GET\",\"path\":\"/fhir/R4/Patient?name:exact=***&_count=10\",\"status\":200,"
                        + "\"durationMs\":0,\"ip\":\"127.0.0.1\",\"ua\":\"HAPI \\\"q\\\" \\\\ é\\tx\","
                        + "\"receivedAt\":\"T\",\"interaction\":\"search-type\",\"resourceType\":\"Patient\"}\n");
    }

    @Test
    void conditionalCreateLine() {
        assertThat(lineOf(() -> given().header("User-Agent", "ua").header("If-None-Exist", "identifier=x")
                .body("{\"resourceType\":\"Patient\"}").post("/fhir/R4/Patient").then().statusCode(201)))
                .isEqualTo("{\"timestamp\":\"T\",\"level\":\"INFO\",\"msg\":\"Request served\","
                        + "\"logger\":\"io.medplumlogs.audit\",\"requestId\":\"R\",\"traceId\":\"T\","
                        + "\"method\":\"POST\",\"path\":\"/fhir/R4/Patient\",\"status\":201,\"durationMs\":0,"
                        + "\"ip\":\"127.0.0.1\",\"ua\":\"ua\",\"receivedAt\":\"T\",\"interaction\":\"create\","
                        + "\"resourceType\":\"Patient\",\"conditional\":true}\n");
    }

    @Test
    void notFoundLineWithoutUserAgent() {
        assertThat(lineOf(() -> given().header("User-Agent", "").get("/nowhere?a=1").then().statusCode(404)))
                .isEqualTo("{\"timestamp\":\"T\",\"level\":\"INFO\",\"msg\":\"Request served\","
                        + "\"logger\":\"io.medplumlogs.audit\",\"requestId\":\"R\",\"traceId\":\"T\","
                        + "\"method\":\"GET\",\"path\":\"/nowhere?a=***\",\"status\":404,\"durationMs\":0,"
                        + "\"ip\":\"127.0.0.1\",\"ua\":\"\",\"receivedAt\":\"T\"}\n");
    }

    private static String lineOf(Runnable request) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            request.run();
            assertThat(console.await(m -> m.equals("Request served"), 1)).hasSize(1);
            List<String> lines = console.lines().stream().filter(l -> l.contains("\"msg\":\"Request served\""))
                    .toList();
            assertThat(lines).hasSize(1);
            return lines.get(0)
                    .replaceAll("\"(timestamp|receivedAt)\":\"[0-9T:.Z-]+\"", "\"$1\":\"T\"")
                    .replaceAll("\"requestId\":\"[0-9a-f-]{36}\"", "\"requestId\":\"R\"")
                    .replaceAll("\"traceId\":\"[0-9a-f]{32}\"", "\"traceId\":\"T\"")
                    .replaceAll("\"durationMs\":[0-9]+", "\"durationMs\":0");
        }
    }
}
