package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;

/**
 * Each rejection rule of the contract: the invalid value falls through (here to a generated ID) and is written
 * nowhere — not in the response, not in any log line.
 */
class RejectedTraceHeadersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @TestHTTPResource("/")
    URL root;

    // A @CsvSource table of header cases, alike in shape to the other trace-header tables: each lists its own cases.
    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "quote              | X-Trace-Id      | abc\"def",
            "space              | X-Trace-Id      | abc def",
            "over 64 chars      | X-Trace-Id      | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "all-zero hex       | X-Trace-Id      | 00000000000000000000000000000000",
            "all-zero uuid      | X-Trace-Id      | 00000000-0000-0000-0000-000000000000",
            "all-zero trace-id  | traceparent     | 00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "all-zero parent-id | traceparent     | 00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "version ff         | traceparent     | ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "uppercase          | traceparent     | 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "malformed root     | X-Amzn-Trace-Id | Root=1-5759e98-bd862e3fe1be46a994272793",
            "no root            | X-Amzn-Trace-Id | Self=1-5759e988-bd862e3fe1be46a994272793",
            "all-zero root      | X-Amzn-Trace-Id | Root=1-00000000-000000000000000000000000" })
    void invalidValueFallsThroughAndIsWrittenNowhere(String rule, String header, String value) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header(header, value).get("/log/worker?tag=rejected").andReturn();

            assertThat(response.header("X-Trace-Id")).matches(Ids.HEX32);
            Ids.assertLinesCarry(response, console.json(m -> m.endsWith(" rejected")));
            String normalised = value.replace("-", "").toLowerCase();
            assertThat(response.header("X-Trace-Id")).isNotEqualTo(normalised);
            assertThat(console.lines()).noneMatch(line -> line.contains(value));
        }
    }

    @Test
    void nonAsciiValueIsRejected() throws Exception {
        // Sent as raw UTF-8 bytes: HTTP clients refuse to, attackers don't.
        String raw = "GET /log/worker?tag=nonascii HTTP/1.1\r\nHost: localhost\r\nX-Trace-Id: caf\u00e9-\u00fc\r\n"
                + "Connection: close\r\n\r\n";
        try (ConsoleLines console = ConsoleLines.capture(); Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 200");
            String traceId = answer.lines().filter(l -> l.toLowerCase().startsWith("x-trace-id:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            assertThat(traceId).matches(Ids.HEX32);
            assertThat(console.json(m -> m.endsWith(" nonascii")))
                    .allSatisfy(line -> assertThat(line.get("traceId").asText()).isEqualTo(traceId));
        }
    }

    @Test
    void headerWithBareCarriageReturnNeverReachesALine() throws Exception {
        String raw = "GET /log/worker?tag=cr HTTP/1.1\r\nHost: localhost\r\nX-Trace-Id: abc\rinjected\r\n"
                + "Connection: close\r\n\r\n";
        try (ConsoleLines console = ConsoleLines.capture(); Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            // Vert.x may refuse such a request outright (400); if it serves it, the value must have been rejected.
            assertThat(answer).doesNotContain("injected");
            assertThat(console.lines()).noneMatch(line -> line.contains("injected"));
        }
    }
}
