package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * HTTP/2 without TLS (h2c: the upgrade from HTTP/1.1, then streams multiplexed on one connection), which Quarkus
 * serves by default: each stream is a request of its own, with its own IDs and exactly one Request served line.
 */
class Http2RequestsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(FakeFhirResource.class);

    @Test
    void everyStreamOfOneConnectionHasItsOwnIdsAndOneLine() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        try (ConsoleLines console = ConsoleLines.capture()) {
            // the first request upgrades the connection; the others are concurrent streams on it
            HttpResponse<String> first = client.send(request(port, "obs-0"), HttpResponse.BodyHandlers.ofString());
            List<CompletableFuture<HttpResponse<String>>> rest = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                rest.add(client.sendAsync(request(port, "obs-" + i), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = new ArrayList<>(List.of(first));
            for (CompletableFuture<HttpResponse<String>> r : rest) {
                responses.add(r.get());
            }
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(responses.subList(1, responses.size())).as("served as HTTP/2 streams")
                    .extracting(HttpResponse::version).containsOnly(HttpClient.Version.HTTP_2);

            List<JsonNode> lines = console.await(m -> m.equals("Request served"), responses.size());
            assertThat(lines).hasSize(responses.size());
            Map<String, JsonNode> byRequestId = lines.stream()
                    .collect(Collectors.toMap(l -> l.get("requestId").asText(), Function.identity()));
            for (HttpResponse<String> response : responses) {
                String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
                JsonNode line = byRequestId.get(requestId);
                assertThat(line).as(requestId).isNotNull();
                assertThat(line.get("path").asText()).isEqualTo(response.request().uri().getPath());
                assertThat(line.get("resourceId").asText()).isEqualTo(response.request().uri().getPath()
                        .substring(response.request().uri().getPath().lastIndexOf('/') + 1));
                assertThat(line.get("traceId").asText())
                        .isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
            }
        }
    }

    private static HttpRequest request(int port, String id) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/R4/Observation/" + id)).GET()
                .build();
    }
}
