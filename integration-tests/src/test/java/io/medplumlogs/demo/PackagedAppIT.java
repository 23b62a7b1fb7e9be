package io.medplumlogs.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClients;
import io.medplumlogs.demo.support.ProcessStdout;
import io.medplumlogs.demo.support.ResponseIds;
import io.medplumlogs.demo.support.Served;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The packaged jar in the prod profile (JSON on by default): what it prints to stdout — what the awslogs driver
 * ships to CloudWatch — is one JSON object per line with the contract's fields, and request lines carry the IDs
 * the responses carried. See {@link ProcessStdout} for why this reads stdout and not {@code target/quarkus.log}.
 */
@QuarkusIntegrationTest
@WithTestResource(ProcessStdout.class)
class PackagedAppIT {

    private static final String STARTED = "Listening on: ";

    record Ids(String what, String requestId, String traceId) {
    }

    @Test
    void requestLinesOnStdoutAreContractJsonWithTheResponsesIds() throws Exception {
        List<Ids> requests = new ArrayList<>();
        ResponseIds ids = new ResponseIds();
        var client = FhirClients.client(new URL("http://localhost:" + RestAssured.port + "/fhir/R4"), ids);

        IIdType id = client.create().resource(DemoData.patient("Packaged")).execute().getId();
        requests.add(new Ids("FHIR create", ids.requestId(), ids.traceId()));
        client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        requests.add(new Ids("FHIR read", ids.requestId(), ids.traceId()));
        Response notFound = given().get("/fhir/R4/Patient/no-such-patient").andReturn();
        assertThat(notFound.statusCode()).isEqualTo(404);
        requests.add(new Ids("FHIR 404", notFound.header("X-Request-Id"), notFound.header("X-Trace-Id")));
        Response failure = given().get("/demo/boom").andReturn();
        assertThat(failure.statusCode()).isEqualTo(500);
        requests.add(new Ids("REST 500", failure.header("X-Request-Id"), failure.header("X-Trace-Id")));

        assertThat(requests).allSatisfy(r -> {
            assertThat(r.requestId()).as(r.what()).matches(Served.UUID);
            assertThat(r.traceId()).as(r.what()).matches(Served.HEX32);
        });
        // stdout reaches us through a pipe: wait until the last request's error line has arrived
        Ids last = requests.get(requests.size() - 1);
        List<String> stdout = awaitStdout(lines -> lines.stream()
                .anyMatch(l -> l.contains(last.requestId()) && l.contains("\"level\":\"ERROR\"")));

        // Every line from the start-up line on; what comes before it is the next test's business
        List<JsonNode> json = parseAll(stdout.subList(startedLine(stdout), stdout.size()));
        for (Ids request : requests) {
            List<JsonNode> ofRequest = json.stream()
                    .filter(l -> request.requestId().equals(l.path("requestId").asText())).toList();
            assertThat(ofRequest).as("lines of " + request.what()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.path("traceId").asText()).isEqualTo(request.traceId()));
        }
        assertThat(json).as("the 500's error line").anySatisfy(l -> {
            assertThat(l.path("requestId").asText()).isEqualTo(last.requestId());
            assertThat(l.path("level").asText()).isEqualTo("ERROR");
            assertThat(l.path("error").asText()).isEqualTo("java.lang.IllegalStateException: demo failure on purpose");
            assertThat(l.path("stack").asText()).contains("at io.medplumlogs.demo.rest.HopsResource.boom");
        });
        assertThat(json).as("the app's own lines").anySatisfy(
                l -> assertThat(l.path("msg").asText()).isEqualTo("created Patient/" + id.getIdPart() + " version 1"));

        String everything = String.join("", stdout) + ProcessStdout.stderr() + quarkusLogFile();
        assertThat(everything).doesNotContain("Multiple console formatters");
    }

    @Test
    void everyStdoutLineFromTheFirstIsContractJson() throws Exception {
        List<String> stdout = awaitStdout(lines -> startedLine(lines) >= 0);

        parseAll(stdout);
    }

    /** Each line is exactly one JSON object with the contract's always-present fields. */
    private static List<JsonNode> parseAll(List<String> lines) {
        List<JsonNode> json = lines.stream().map(ConsoleLines::parse).toList();
        assertThat(json).allSatisfy(line -> {
            assertThat(line.path("timestamp").asText()).as(line.toString())
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(line.path("level").asText()).as(line.toString()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.has("msg")).as(line.toString()).isTrue();
            assertThat(line.path("logger").asText()).as(line.toString()).isNotEmpty();
            assertThat(line.has("requestId")).as(line.toString()).isEqualTo(line.has("traceId"));
        });
        return json;
    }

    private static int startedLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(STARTED)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> awaitStdout(Predicate<List<String>> ready) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> lines = ProcessStdout.stdoutLines();
        while (!ready.test(lines) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            lines = ProcessStdout.stdoutLines();
        }
        assertThat(ready.test(lines)).as("expected lines on stdout; got:\n" + String.join("", lines)).isTrue();
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }

    private static String quarkusLogFile() throws IOException {
        Path file = Path.of("target", "quarkus.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
