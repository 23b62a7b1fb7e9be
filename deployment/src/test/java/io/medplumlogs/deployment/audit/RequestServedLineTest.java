package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** One "Request served" line per request with the contract's fields, search values redacted. */
class RequestServedLineTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(FakeFhirResource.class)
            .overrideConfigKey("quarkus.medplum-logs.audit.excluded-paths", "/log/event-loop");

    @Test
    void fhirSearchLineHasTheFieldsAndNoSearchValues() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("User-Agent", "HAPI-FHIR/8.6.1 \"quoted\"")
                    .get("/fhir/R4/Patient?name:exact=Zebedee&birthdate=1970-01-01&_count=10").andReturn();

            JsonNode line = only(console);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("logger").asText()).isEqualTo("io.medplumlogs.audit");
            assertThat(line.get("method").asText()).isEqualTo("GET");
            assertThat(line.get("path").asText()).isEqualTo("/fhir/R4/Patient?name:exact=***&birthdate=***&_count=10");
            assertThat(line.get("status").isInt()).isTrue();
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("durationMs").isNumber()).isTrue();
            assertThat(line.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(line.get("ua").asText()).isEqualTo("HAPI-FHIR/8.6.1 \"quoted\"");
            assertThat(Instant.parse(line.get("receivedAt").asText())).isBefore(Instant.now());
            // the contract's shape, as timestamp's: fixed width, so that the text sorts as the time does
            assertThat(line.get("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.get("interaction").asText()).isEqualTo("search-type");
            assertThat(line.get("resourceType").asText()).isEqualTo("Patient");
            assertThat(line.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(line.get("traceId").asText()).isEqualTo(response.header("X-Trace-Id"));
            assertThat(line.has("user")).isFalse();
            assertThat(console.lines()).noneMatch(l -> l.contains("Zebedee") || l.contains("1970-01-01"));
        }
    }

    // Capture, request, assert: the steps every line test takes; the request and the asserted fields differ.
    @Test
    void readAndConditionalCreateAreClassified() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/fhir/R4/Observation/obs-1?_format=json").then().statusCode(200);
            JsonNode read = only(console);
            assertThat(read.get("interaction").asText()).isEqualTo("read");
            assertThat(read.get("resourceType").asText()).isEqualTo("Observation");
            assertThat(read.get("resourceId").asText()).isEqualTo("obs-1");
            assertThat(read.has("conditional")).isFalse();
        }
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("If-None-Exist", "identifier=secret-mrn").body("{\"resourceType\":\"Patient\"}")
                    .post("/fhir/R4/Patient").then().statusCode(201);
            JsonNode create = only(console);
            assertThat(create.get("interaction").asText()).isEqualTo("create");
            assertThat(create.get("conditional").asBoolean()).isTrue();
            assertThat(create.get("status").asInt()).isEqualTo(201);
            assertThat(console.lines()).noneMatch(l -> l.contains("secret-mrn"));
        }
        try (ConsoleLines console = ConsoleLines.capture()) {
            // HAPI ignores a blank If-None-Exist (ConditionalParamBinder: isBlank -> a plain create): so does the line
            given().header("If-None-Exist", " ").body("{\"resourceType\":\"Patient\"}").post("/fhir/R4/Patient")
                    .then().statusCode(201);
            JsonNode create = only(console);
            assertThat(create.get("interaction").asText()).isEqualTo("create");
            assertThat(create.has("conditional")).isFalse();
        }
    }

    @Test
    void nonFhirQueriesAreRedactedToo() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/worker?tag=Simpson").then().statusCode(200);
            JsonNode line = only(console);
            assertThat(line.get("path").asText()).isEqualTo("/log/worker?tag=***");
            assertThat(line.has("interaction")).isFalse();
        }
    }

    @Test
    void errorsAreAuditedWithTheirStatus() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/boom").then().statusCode(500);
            assertThat(only(console).get("status").asInt()).isEqualTo(500);
        }
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/nowhere").then().statusCode(404);
            assertThat(only(console).get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void excludedAndNonApplicationPathsGetNoLine() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/event-loop").then().statusCode(200);
            given().get("/q/anything");
            given().get("/log/worker?tag=marker").then().statusCode(200); // audited: proves lines were flowing
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).get("path").asText()).startsWith("/log/worker");
        }
    }

    @Test
    void clientThatGoesAwayGets408() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            java.net.URL url = new java.net.URL(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                    + "/slow");
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) url.openConnection();
            connection.setReadTimeout(200);
            try {
                connection.getInputStream().close();
            } catch (java.net.SocketTimeoutException expected) {
                connection.disconnect();
            }
            // the server notices the closed connection when it writes the late response
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).get("status").asInt()).isEqualTo(408);
        }
    }

    private static JsonNode only(ConsoleLines console) {
        List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
        assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
        return lines.get(0);
    }
}
