package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClients;
import io.medplumlogs.demo.support.Served;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 2,100 requests, 32 at a time, each with its own X-Trace-Id: FHIR reads, FHIR updates-as-create and REST requests
 * that log on a worker, after a timer and on the managed executor. Every line that names a request's marker (the
 * resource id or the tag) must carry that request's IDs: none missing, none from another request.
 */
@QuarkusTest
class ConcurrentRequestsTest {

    private static final int PER_KIND = 700;
    private static final int CONCURRENCY = 32;
    private static final Pattern MARKER = Pattern.compile("(Patient/[ru]-[a-z0-9]+|hop-[a-z0-9]+)(?![\\w-])");

    @TestHTTPResource("/")
    URL root;

    record Call(String marker, String method, String path, String body, int minLines) {
    }

    record Answer(Call call, String sentTraceId, int status, String requestId, String traceId) {
    }

    @Test
    void everyLineCarriesItsOwnRequestsIds() throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36) + "x";
        seedPatientsToRead(run);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            // FHIR: the provider's line names the resource (the demo's FhirCallLogger logs no ids, PhiCanaryIT)
            calls.add(new Call("Patient/r-" + run + i, "GET", "fhir/R4/Patient/r-" + run + i, null, 1));
            calls.add(new Call("Patient/u-" + run + i, "PUT", "fhir/R4/Patient/u-" + run + i,
                    patientJson("u-" + run + i), 1));
            calls.add(new Call("hop-" + run + i, "GET", "demo/hops?tag=hop-" + run + i, null, 3));
        }

        List<Answer> answers = new ArrayList<>();
        List<JsonNode> lines;
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Call call : calls) {
                futures.add(pool.submit(() -> send(http, call)));
            }
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            lines = console.json();
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSizeGreaterThanOrEqualTo(2000).allSatisfy(a -> {
            assertThat(a.status()).as(a.call().path()).isBetween(200, 201);
            assertThat(a.traceId()).as("X-Trace-Id echoes the sent one").isEqualTo(a.sentTraceId());
            assertThat(a.requestId()).matches(Served.UUID);
        });
        assertThat(answers.stream().map(Answer::requestId).distinct()).hasSameSizeAs(answers);

        Map<String, Answer> byMarker = new HashMap<>();
        answers.forEach(a -> byMarker.put(a.call().marker(), a));
        Map<String, Integer> linesPerMarker = new HashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (JsonNode line : lines) {
            Matcher m = MARKER.matcher(line.path("msg").asText());
            if (!m.find() || !byMarker.containsKey(m.group(1))) {
                continue;
            }
            Answer a = byMarker.get(m.group(1));
            linesPerMarker.merge(m.group(1), 1, Integer::sum);
            if (!line.hasNonNull("requestId") || !line.hasNonNull("traceId")) {
                missing.add(line.toString());
            } else if (!line.get("requestId").asText().equals(a.requestId())
                    || !line.get("traceId").asText().equals(a.traceId())) {
                mismatched.add(line + " belongs to " + a.requestId() + "/" + a.traceId());
            }
        }
        assertThat(missing).as("lines without IDs").isEmpty();
        assertThat(mismatched).as("lines with another request's IDs").isEmpty();
        assertThat(answers).allSatisfy(a -> assertThat(linesPerMarker.getOrDefault(a.call().marker(), 0))
                .as("lines naming " + a.call().marker()).isGreaterThanOrEqualTo(a.call().minLines()));
    }

    private Answer send(HttpClient http, Call call) throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + call.path()))
                .timeout(Duration.ofSeconds(30)).header("X-Trace-Id", traceId);
        if (call.body() != null) {
            request.header("Content-Type", "application/fhir+json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(call, traceId, response.statusCode(),
                response.headers().firstValue("X-Request-Id").orElse(null),
                response.headers().firstValue("X-Trace-Id").orElse(null));
    }

    /** One transaction (one request, before capturing) puts the patients the reads will read. */
    private void seedPatientsToRead(String run) throws Exception {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        for (int i = 0; i < PER_KIND; i++) {
            Patient patient = DemoData.patient("Reader" + i);
            patient.setId("r-" + run + i);
            bundle.addEntry().setResource(patient).getRequest().setMethod(HTTPVerb.PUT)
                    .setUrl("Patient/r-" + run + i);
        }
        FhirClients.client(new URL(root, "fhir/R4")).transaction().withBundle(bundle).execute();
    }

    private static String patientJson(String id) {
        Patient patient = DemoData.patient("Writer");
        patient.setId(id);
        return FhirClients.context().newJsonParser().encodeResourceToString(patient);
    }
}
