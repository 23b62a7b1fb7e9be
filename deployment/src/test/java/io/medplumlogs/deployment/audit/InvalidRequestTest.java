package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The documented limit (audit-lines.adoc, "Requests the HTTP layer rejects"): a request line that Netty / Vert.x
 * refuse to decode never reaches Quarkus' router, so it gets Vert.x' bare 400 without our headers and no line.
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
                    "/log/worker?q=<x>", "/log/worker?q=^", "/log/worker?q=`")) {
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
}
