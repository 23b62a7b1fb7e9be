package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One chunk's requests against an intake that misbehaves at the TCP or HTTP level (forwarder.adoc#failure-semantics). */
class VendorSenderHostileTest {

    /**
     * "Retried on ... connection/TLS errors" and "Exactly-once [is not guaranteed]: if a vendor accepted a request
     * but its answer was lost, the retry sends it again". The intake reads the whole request, then resets the
     * connection without answering: the chunk is retried and delivered, and the intake has seen it twice.
     */
    @Test
    void aConnectionResetAfterTheRequestWasReadIsRetriedAndTheChunkArrivesTwice() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread intake = new Thread(() -> serve(server, requests));
            intake.setDaemon(true);
            intake.start();

            SendResult result = sender(URI.create("http://127.0.0.1:" + server.getLocalPort()), 10_000)
                    .send(new Chunk(List.of("{\"message\":\"a\"}"), Map.of()), Deadline.inMillis(20_000));

            assertThat(result.delivered()).as(result.detail()).isTrue();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(requests.get()).isEqualTo(2);
        }
    }

    /**
     * A numeric Retry-After longer than the time left before the reserve: no request could follow it, so the chunk
     * is given up at once ("no time left to retry") and goes to the DLQ while there is time for that, rather than
     * sleeping into the reserve kept for DLQ writes.
     */
    @Test
    void aRetryAfterLongerThanTheTimeLeftGivesTheChunkUpAtOnce() {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            vendor.enqueue(Answer.throttled(60));
            long started = System.nanoTime();

            SendResult result = sender(URI.create(vendor.baseUrl()), 120_000)
                    .send(new Chunk(List.of("{\"message\":\"a\"}"), Map.of()), Deadline.inMillis(5_000));

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(result.delivered()).isFalse();
            assertThat(result.detail()).contains("HTTP 429").contains("no time left to retry");
            assertThat(vendor.requests()).hasSize(1);
            assertThat(tookMillis).isLessThan(2_000);
        }
    }

    private static VendorSender sender(URI base, long maxDelayMillis) {
        VendorCredential credential = new VendorCredential("dd-api-key-of-this-test",
                timeout -> "dd-api-key-of-this-test", key -> new DatadogIntake(base, key, Map.of()));
        return new VendorSender(credential, HttpClient.newHttpClient(),
                new RetryPolicy(Duration.ofSeconds(5), 6, 1, maxDelayMillis));
    }

    /** Reads each request whole; resets the first connection, answers the others 202. */
    private static void serve(ServerSocket server, AtomicInteger requests) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequest(socket.getInputStream());
                if (requests.incrementAndGet() == 1) {
                    socket.setSoLinger(true, 0); // RST, not FIN: the answer is lost after the request arrived
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase();
        int at = headers.indexOf("content-length:");
        int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }
}
