package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Requests that Vert.x Web fails before the first route runs, so before the correlation filter: an HTTP/1.1 request
 * without a usable {@code Host} header (Vert.x Web: "For HTTP/1.x requests, the 'Host' header is required") and a
 * request target that does not start with {@code /}. Quarkus' error handler answers them (400, 404); they reach
 * Quarkus' router, so each gets its IDs in the response and its {@code Request served} line, its query redacted.
 */
class FailedBeforeRoutingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class);

    @Test
    void requestsFailedBeforeTheFirstRouteAreAuditedWithTheirIds() throws Exception {
        List<String> heads = List.of(
                "GET /log/worker?name=Simpson HTTP/1.1\r\n", // no Host
                "GET /log/worker?name=Simpson HTTP/1.1\r\nHost: bad host\r\n",
                "GET /log/worker?name=Simpson HTTP/1.1\r\nHost: localhost:99999\r\n",
                "GET log/worker?name=Simpson HTTP/1.1\r\nHost: localhost\r\n"); // target without '/'
        for (String head : heads) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                RawHttp.Response response = RawHttp.sendAsIs(head + "User-Agent: raw-socket\r\nConnection: close\r\n\r\n");
                String requestId = response.header("X-Request-Id");
                assertThat(response.status()).as(head).isBetween(400, 499);
                assertThat(requestId).as("X-Request-Id of %s: %s", head, response.head()).isNotNull();
                assertThat(response.header("X-Trace-Id")).as(head).isNotNull();
                assertThat(console.awaitRequestServed(requestId)).as("line of %s in %s", head, console.lines())
                        .isTrue();
                JsonNode line = console.json(m -> m.equals("Request served")).stream()
                        .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
                assertThat(line.path("status").asInt()).as(head).isEqualTo(response.status());
                assertThat(line.path("method").asText()).isEqualTo("GET");
                assertThat(line.path("path").asText()).as(head).endsWith("log/worker?name=***");
                assertThat(console.lines()).as(head).noneMatch(l -> l.contains("Simpson"));
                // Quarkus' error handler logs the 400s ("HTTP Request to ... failed"): with the request's IDs too
                assertThat(console.json().stream().filter(l -> l.path("msg").asText().contains("log/worker?name=")))
                        .as(head).allSatisfy(l -> assertThat(l.path("requestId").asText()).isEqualTo(requestId));
            }
        }
    }

    /** The other request-target forms of HTTP/1.1 (RFC 9112 3.2): asterisk-form and authority-form. */
    @Test
    void asteriskAndAuthorityFormTargetsAreAuditedToo() throws Exception {
        for (String requestLine : List.of("OPTIONS * HTTP/1.1", "CONNECT localhost:443 HTTP/1.1")) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                RawHttp.Response response = RawHttp.send(requestLine);
                String requestId = response.header("X-Request-Id");
                assertThat(response.status()).as(requestLine).isBetween(400, 499);
                assertThat(requestId).as(requestLine).isNotNull();
                assertThat(console.awaitRequestServed(requestId)).as("line of %s in %s", requestLine, console.lines())
                        .isTrue();
                JsonNode line = console.json(m -> m.equals("Request served")).get(0);
                assertThat(line.path("method").asText() + " " + line.path("path").asText() + " HTTP/1.1")
                        .isEqualTo(requestLine);
                assertThat(line.path("status").asInt()).isEqualTo(response.status());
            }
        }
    }
}
