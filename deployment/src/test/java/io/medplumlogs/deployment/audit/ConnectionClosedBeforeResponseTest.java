package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;

/**
 * log-contract.adoc, The Request served line: {@code status} is 408 when the connection closed before the response
 * was written, whoever closed it: the client resetting mid-body, the idle timeout while the handler never answers,
 * Vert.x over a malformed chunked body. Each such request still leaves its one line; a request pipelined behind it
 * was never read, and has none.
 */
class ConnectionClosedBeforeResponseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(FakeFhirResource.class, Hang.class)
            .overrideConfigKey("quarkus.http.idle-timeout", "1s");

    @Path("/hang")
    public static class Hang {
        @GET
        public Uni<String> never() {
            return Uni.createFrom().nothing();
        }
    }

    @Test
    void aHandlerThatNeverAnswersUntilTheIdleTimeout() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            // a second request pipelined behind it is never read: documented, it gets no line
            String answer = exchange("GET /hang HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /log/worker?tag=behind HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(answer).as("the idle timeout closes the connection, nothing answered").isEmpty();
            JsonNode line = console.await(m -> m.equals("Request served"), 1).get(0);
            assertThat(line.path("path").asText()).isEqualTo("/hang");
            assertThat(line.path("status").asInt()).isEqualTo(408);
            assertThat(line.path("durationMs").asLong()).isGreaterThanOrEqualTo(1000);

            assertThat(exchange("GET /fhir/R4/Patient/marker HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(console.await(m -> m.equals("Request served"), 2)).extracting(l -> l.path("path").asText())
                    .containsExactly("/hang", "/fhir/R4/Patient/marker");
            assertThat(console.lines()).noneMatch(l -> l.contains("behind"));
        }
    }

    @Test
    void aChunkedBodyVertxCannotRead() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            String answer = exchange("POST /fhir/R4/Patient HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\nxx\r\n0\r\n\r\n");

            assertThat(answer).isEmpty();
            JsonNode line = console.await(m -> m.equals("Request served"), 1).get(0);
            assertThat(line.path("interaction").asText()).isEqualTo("create");
            assertThat(line.path("status").asInt()).isEqualTo(408);
        }
    }

    @Test
    void aClientThatResetsMidBody() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture(); Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir/R4/Observation HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // the server asks for the body once the application reads it: the request is being served
            assertThat(readLine(socket.getInputStream())).startsWith("HTTP/1.1 100");
            out.write("{\"resourceType\":".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoLinger(true, 0); // RST, not FIN
            socket.close();

            JsonNode line = console.await(m -> m.equals("Request served"), 1).get(0);
            assertThat(line.path("resourceType").asText()).isEqualTo("Observation");
            assertThat(line.path("status").asInt()).isEqualTo(408);
        }
    }

    private static String exchange(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
