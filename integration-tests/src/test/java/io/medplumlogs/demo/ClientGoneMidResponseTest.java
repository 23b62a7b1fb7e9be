package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/**
 * log-contract.adoc, The Request served line: a response whose connection (or HTTP/2 stream) closed before it was
 * written gets its line, with status 408. A large HAPI FHIR response is written by the servlet container, which blocks
 * while the client does not read and takes over the response's close handler meanwhile: a client that read the first
 * bytes of a patient's record and then went away must still leave its line.
 */
@QuarkusTest
class ClientGoneMidResponseTest {

    private static final String ID = "gone-mid-response";

    @TestHTTPResource("/fhir/R4")
    URL base;

    @BeforeEach
    void aLargePatient() throws Exception {
        // some MB of JSON: more than the socket buffers and Vert.x' write queue hold, so the servlet blocks writing it
        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + ID + "\",\"name\":[{\"text\":\"" + "x".repeat(9_000_000)
                + "\"}]}";
        int status = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(base + "/Patient/" + ID)).PUT(BodyPublishers.ofString(body))
                .header("Content-Type", "application/fhir+json").build(), BodyHandlers.discarding()).statusCode();
        assertThat(status).isIn(200, 201);
    }

    @Test
    void aClientThatResetsTheConnectionMidResponseLeavesItsLine() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            String head;
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                OutputStream out = socket.getOutputStream();
                out.write(("GET /fhir/R4/Patient/" + ID + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] first = new byte[1024];
                int n = in.read(first);
                head = new String(first, 0, n, StandardCharsets.ISO_8859_1);
                Thread.sleep(1500); // the servlet is blocked writing the rest
                socket.setSoLinger(true, 0); // reset, not a graceful close
            }
            assertThat(head).startsWith("HTTP/1.1 200");
            JsonNode line = awaitLine(console);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("read");
            assertThat(line.path("resourceId").asText()).as(line.toString()).isEqualTo(ID);
            assertThat(line.path("status").asInt()).as(line.toString()).isEqualTo(408);
        }
    }

    @Test
    void aClientThatResetsTheStreamMidResponseLeavesItsLine() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            // HTTP/2 without TLS with prior knowledge, a small window: the client reads nothing, so the server blocks
            var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false).setInitialSettings(new Http2Settings().setInitialWindowSize(65535)));
            CompletableFuture<Integer> status = new CompletableFuture<>();
            client.request(HttpMethod.GET, base.getPort(), base.getHost(), "/fhir/R4/Patient/" + ID)
                    .onFailure(status::completeExceptionally)
                    .onSuccess(request -> request.send().onFailure(status::completeExceptionally)
                            .onSuccess((HttpClientResponse response) -> {
                                response.pause();
                                status.complete(response.statusCode());
                                vertx.setTimer(1500, t -> request.reset()); // RST_STREAM, the connection stays
                            }));
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            JsonNode line = awaitLine(console);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("read");
            assertThat(line.path("status").asInt()).as(line.toString()).isEqualTo(408);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode awaitLine(ConsoleLines console) {
        assertThat(console.await(l -> l.path("msg").asText().equals("Request served")
                && l.path("path").asText().equals("/fhir/R4/Patient/" + ID), Duration.ofSeconds(10)))
                .as("the Request served line of the read whose client went away").isTrue();
        return console.json(m -> m.equals("Request served")).stream()
                .filter(l -> l.path("path").asText().equals("/fhir/R4/Patient/" + ID)).findFirst().orElseThrow();
    }
}
