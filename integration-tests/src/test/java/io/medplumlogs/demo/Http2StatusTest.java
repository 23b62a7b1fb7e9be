package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Over HTTP/2 without TLS (h2c, which Java's HttpClient and others upgrade to by default), the stream of a request is
 * closed as soon as both sides ended it. That close must not pass for the client going away: the client got its
 * answer, and the line must say the status it got, not 408.
 */
@QuarkusTest
class Http2StatusTest {

    private static final int REQUESTS = 120;

    @TestHTTPResource("/fhir/R4")
    URL base;

    @Test
    void everyAnswerOverH2cIsLoggedWithTheStatusTheClientGot() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            List<HttpResponse<Void>> responses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                // a new client per pair: its first request upgrades, the second is an HTTP/2 stream
                HttpClient http = HttpClient.newHttpClient();
                String patient = base + "/Patient/h2-" + i;
                http.send(HttpRequest.newBuilder(URI.create(patient)).PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"resourceType\":\"Patient\",\"id\":\"h2-" + i + "\"}"))
                        .header("Content-Type", "application/fhir+json").build(), BodyHandlers.discarding());
                HttpRequest request = i % 2 == 0 ? HttpRequest.newBuilder(URI.create(patient)).GET().build()
                        : HttpRequest.newBuilder(URI.create(patient)).DELETE().build();
                responses.add(http.send(request, BodyHandlers.discarding()));
            }
            assertThat(responses).extracting(HttpResponse::version).containsOnly(HttpClient.Version.HTTP_2);
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 204);
            for (HttpResponse<Void> response : responses) {
                assertThat(console.awaitRequestServed(response.headers().firstValue("X-Request-Id").orElseThrow()))
                        .isTrue();
            }
            Map<String, JsonNode> lines = console.json(m -> m.equals("Request served")).stream()
                    .collect(Collectors.toMap(l -> l.path("requestId").asText(), Function.identity(), (a, b) -> a));
            List<String> wrong = new ArrayList<>();
            for (HttpResponse<Void> response : responses) {
                JsonNode line = lines.get(response.headers().firstValue("X-Request-Id").orElseThrow());
                if (line.path("status").asInt() != response.statusCode()) {
                    wrong.add(response.request().method() + " answered " + response.statusCode() + ": " + line);
                }
            }
            assertThat(wrong).as("lines whose status is not the one the client got").isEmpty();
        }
    }
}
