package io.medplumlogs.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A FHIR request to the HAPI demo with Quarkus' own proxy forwarding on and no trusted proxies of ours: a client's
 * {@code X-Forwarded-For} / {@code Forwarded} must not become the audit line's {@code ip} (Quarkus replaces the
 * request's remote address with them; the line reads the connection's peer).
 */
@QuarkusTest
@TestProfile(ClientIpBehindProxyTest.QuarkusForwardingOn.class)
class ClientIpBehindProxyTest {

    // One behaviour per test class with its own app: the set-up lines look alike across these tests.
    public static class QuarkusForwardingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.allow-forwarded", "true");
        }
    }

    @Test
    void aClientsForwardingHeadersAreNotTheLoggedIp() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response xff = given().header("X-Forwarded-For", "6.6.6.6, 7.7.7.7").get("/fhir/R4/metadata").andReturn();
            Response fwd = given().header("Forwarded", "for=6.6.6.6").get("/fhir/R4/metadata").andReturn();

            for (Response response : new Response[] { xff, fwd }) {
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode line = servedLine(console, response);
                assertThat(line.path("ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
                assertThat(line.path("interaction").asText()).isEqualTo("capabilities");
            }
            // The demo's access log (HAPI's LoggingInterceptor in its JPA starter's format) writes the header as sent,
            // Source[6.6.6.6, 7.7.7.7]: what the client claimed, by the app's choice. No other line holds it.
            assertThat(console.lines().stream().filter(l -> !l.contains("\"logger\":\"fhirtest.access\"")))
                    .noneMatch(l -> l.contains("6.6.6.6") || l.contains("7.7.7.7"));
            assertThat(String.join("", console.lines())).contains("Source[6.6.6.6, 7.7.7.7]");
        }
    }

    static JsonNode servedLine(ConsoleLines console, Response response) {
        String requestId = response.header("X-Request-Id");
        assertThat(console.awaitRequestServed(requestId)).as("Request served for %s", requestId).isTrue();
        return console.json(m -> m.equals("Request served")).stream()
                .filter(l -> requestId.equals(l.path("requestId").asText()))
                .findFirst().orElseThrow();
    }
}
