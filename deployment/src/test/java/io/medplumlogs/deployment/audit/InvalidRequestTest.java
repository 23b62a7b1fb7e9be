package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * The documented limit (audit-lines.adoc, "Requests the HTTP layer rejects"): a request line, header line or body
 * framing that Netty / Vert.x refuse to decode never reaches Quarkus' router, so it gets Vert.x' bare 400 without our
 * headers and no line; nothing it carries is served, and a kept-alive connection's next request is its own.
 * Quarkus 3.33 does not let an extension set Vert.x' {@code HttpServer.invalidRequestHandler} (quarkusio/quarkus
 * #55082). If this test starts failing, Quarkus routes or hooks such requests now: audit them and update the docs.
 */
class InvalidRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class);

    @Test
    void requestsTheCodecRejectsGetVertxBare400AndNoLine() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            for (String target : List.of("/log/worker?q=a|b", "/log/worker?q=\"Simpson\"", "/log/worker?q={x}",
                    "/log/worker?q=<x>", "/log/worker?q=^", "/log/worker?q=`", "/log/worker?q=a\\b",
                    "/q/..\\log/worker")) {
                RawHttp.Response response = RawHttp.get(target);
                assertThat(response.status()).as(target).isEqualTo(400);
                assertThat(response.header("X-Request-Id")).as(target).isNull();
                assertThat(response.header("X-Trace-Id")).as(target).isNull();
                assertThat(response.header("Connection")).as(target).isEqualTo("close");
            }
            RawHttp.Response tooLong = RawHttp.get("/log/worker?q=" + "x".repeat(5000));
            assertThat(tooLong.status()).isEqualTo(414);
            assertThat(tooLong.header("X-Request-Id")).isNull();
            RawHttp.Response headersTooLarge = RawHttp.send("GET /log/worker HTTP/1.1\r\nX-Big: " + "y".repeat(25_000));
            assertThat(headersTooLarge.status()).isEqualTo(431);
            assertThat(headersTooLarge.header("X-Request-Id")).isNull();
            RawHttp.Response malformed = RawHttp.send("GET /log/wo rker HTTP/1.1");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.header("X-Request-Id")).isNull();

            RawHttp.Response marker = RawHttp.get("/log/worker?q=a%7Cb"); // the same, encoded: routed and audited
            assertThat(marker.status()).isEqualTo(200);
            assertThat(marker.header("X-Request-Id")).isNotNull();

            assertThat(console.await(m -> m.equals("Request served"), 1))
                    .as("captured: %s", console.lines()).singleElement()
                    .satisfies(line -> assertThat(line.path("path").asText()).isEqualTo("/log/worker?q=***"));
            assertThat(console.lines()).noneMatch(l -> l.contains("Simpson"));
        }
    }

    @Test
    void framingAndHeaderLinesTheCodecRejectsGetVertxBare400AndNoLine() throws Exception {
        String head = "POST /fhir/R4/Patient?name=Simpson HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
        List<String> requests = List.of(
                head + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x",
                head + "Content-Length: abc\r\n\r\n",
                head + "X-Trace-Id : spaced-token\r\nContent-Length: 2\r\n\r\n{}", // space before the colon
                "GET /log/worker?name=Simpson\r\n\r\n", // HTTP/0.9: no version
                // Content-Length and Transfer-Encoding both: refused, and what hides in the body is never served
                head.replace("Connection: close\r\n", "") + "Content-Length: 52\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\nGET /log/worker?tag=smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n");
        try (ConsoleLines console = ConsoleLines.capture()) {
            for (String request : requests) {
                RawHttp.Response response = RawHttp.sendAsIs(request);
                assertThat(response.status()).as(request).isEqualTo(400);
                assertThat(response.header("X-Request-Id")).as(request).isNull();
                assertThat(response.body()).as(request).isEmpty();
            }
            // an upgrade to HTTP/2 without its settings: Vert.x' h2c upgrade refuses it (and leaves the connection open)
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /log/worker?name=Simpson HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: Upgrade\r\nUpgrade: h2c\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                StringBuilder answer = new StringBuilder();
                InputStream in = socket.getInputStream();
                while (answer.indexOf("\r\n\r\n") < 0) {
                    int c = in.read();
                    assertThat(c).as("answered: %s", answer).isNotNegative();
                    answer.append((char) c);
                }
                assertThat(answer.toString()).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("X-Request-Id");
            }
            RawHttp.Response marker = RawHttp.get("/log/worker?tag=marker");
            assertThat(marker.header("X-Request-Id")).isNotNull();

            assertThat(console.await(m -> m.equals("Request served"), 1)).as("captured: %s", console.lines())
                    .singleElement().satisfies(line -> assertThat(line.path("requestId").asText())
                            .isEqualTo(marker.header("X-Request-Id")));
            assertThat(console.lines()).noneMatch(l -> l.contains("smuggled") || l.contains("spaced-token"));
        }
    }

    @Test
    void aKeptAliveConnectionGoesOnAfterTheBare400AndItsNextRequestHasItsOwnIdsAndLine() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.Response both = RawHttp.sendAsIs("GET /log/worker?q=a|b HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Trace-Id: first-token\r\n\r\n"
                    + "GET /log/worker?tag=next HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(both.status()).isEqualTo(400);
            assertThat(both.header("X-Request-Id")).as("the 400's head").isNull();
            Matcher next = Pattern.compile("HTTP/1.1 200 OK\r\n(.*?)\r\n\r\n", Pattern.DOTALL).matcher(both.body());
            assertThat(next.find()).as("the next request answered: %s", both.body()).isTrue();
            Matcher requestId = Pattern.compile("(?i)x-request-id: (\\S+)").matcher(next.group(1));
            assertThat(requestId.find()).isTrue();
            assertThat(next.group(1)).doesNotContain("first-token");

            assertThat(console.awaitRequestServed(requestId.group(1))).as("captured: %s", console.lines()).isTrue();
            assertThat(console.json(m -> m.equals("Request served"))).singleElement()
                    .satisfies(line -> assertThat(line.path("traceId").asText()).isNotEqualTo("first-token"));
        }
    }
}
