package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The invocation fails while chunks of it are in flight (here: the next request body cannot be made, as when the heap
 * runs out while gzipping it). Lambda freezes the environment once the invocation has returned, so a chunk still in
 * flight would be delivered after the failure was reported, in the middle of the next invocation (Lambda's retry of
 * this very batch) and with its log lines under that invocation's request ID. The chunks in flight are finished first.
 */
class InvocationFailureInFlightTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noChunkIsStillInFlightOnceTheInvocationHasFailed() throws Exception {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            BodyFailure failure = new BodyFailure(vendor);
            // the first wave's requests are answered only once the third chunk's body has been tried
            vendor.holdWhen(r -> failure.failThirdBody.get(), failure.thrown::get);

            Failed failed = deliverFailing(vendor, failure, failure.failThirdBody);

            assertThat(failed.error()).isInstanceOf(OutOfMemoryError.class);
            assertThat(failed.answered()).as("chunks answered when the invocation failed").isEqualTo(2);
            assertThat(failed.arrived()).isEqualTo(2);
            assertThat(failed.deadLettered()).isEmpty();
        }
    }

    /** A send thread's Error (say a StackOverflowError building chunk 1's request) while chunk 2 is in flight. */
    @Test
    void aSendThreadsErrorLeavesNoOtherChunkInFlight() throws Exception {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            BodyFailure failure = new BodyFailure(vendor);
            // chunk 2's request is answered only once the third chunk's body is made, after which chunk 1 is settled
            vendor.holdWhen(r -> failure.thrown.get(), () -> failure.bodies.get() >= 3);

            Failed failed = deliverFailing(vendor, failure, failure.failFirstRequest);

            assertThat(failed.error()).isInstanceOf(StackOverflowError.class);
            assertThat(failed.answered()).as("chunks answered when the invocation failed").isEqualTo(1);
            assertThat(failed.arrived()).isEqualTo(1);
            assertThat(failed.deadLettered()).isEmpty();
        }
    }

    /** What the vendor had answered when {@code deliver} threw, and what reached it in all. */
    private record Failed(Throwable error, int answered, int arrived, List<String> deadLettered) {
    }

    /** Delivers a small batch (the vendor then knows the credential: chunks go two at a time), arms, fails three. */
    private static Failed deliverFailing(FakeVendor vendor, BodyFailure failure, AtomicBoolean arm) throws Exception {
        VendorCredential credential = new VendorCredential("dd-api-key-of-this-test", timeout -> "dd-api-key-of-this-test",
                failure::intake);
        VendorSender sender = new VendorSender(credential, HttpClient.newHttpClient(),
                new RetryPolicy(Duration.ofSeconds(10), 1, 1, 1));
        List<String> deadLettered = new ArrayList<>();
        Delivery delivery = new Delivery(new DatadogIntake(URI.create(vendor.baseUrl()), "unused", Map.of()), sender,
                new ListQueue(deadLettered));
        delivery.deliver(event(List.of("warm")), Deadline.inMillis(30_000));
        int before = vendor.requests().size();
        arm.set(true);
        SubscriptionEvent event = event(threeChunksOfLines());
        Throwable error = null;
        try {
            delivery.deliver(event, Deadline.inMillis(30_000));
        } catch (RuntimeException | Error e) {
            error = e;
        }
        int answered = vendor.requests().size() - before;
        return new Failed(error, answered, vendor.arrived() - before, deadLettered);
    }

    private static SubscriptionEvent event(List<String> lines) throws Exception {
        return SubscriptionEventDecoder.decode(JSON.readTree(SubscriptionEvents.builder().lines(lines).invocation()));
    }

    /** Three chunks at Datadog's 1000 entries per request. */
    private static List<String> threeChunksOfLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            lines.add("line " + i + " " + "q".repeat(100));
        }
        return lines;
    }

    /** Datadog's intake, whose third request body (or first request) after being armed cannot be made. */
    private static final class BodyFailure {
        final AtomicBoolean failThirdBody = new AtomicBoolean();
        final AtomicBoolean failFirstRequest = new AtomicBoolean();
        final AtomicBoolean thrown = new AtomicBoolean();
        final AtomicInteger bodies = new AtomicInteger();
        private final FakeVendor vendor;

        BodyFailure(FakeVendor vendor) {
            this.vendor = vendor;
        }

        Intake intake(String apiKey) {
            DatadogIntake real = new DatadogIntake(URI.create(vendor.baseUrl()), apiKey, Map.of());
            return new Intake() {
                @Override
                public Vendor vendor() {
                    return real.vendor();
                }

                @Override
                public Framing framing() {
                    boolean armed = failThirdBody.get() || failFirstRequest.get() || thrown.get();
                    int body = armed ? bodies.incrementAndGet() : 0;
                    if (failThirdBody.get() && body == 3) {
                        thrown.set(true);
                        throw new OutOfMemoryError("Java heap space");
                    }
                    return real.framing();
                }

                @Override
                public ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message) {
                    return real.encode(source, event, message);
                }

                @Override
                public Map<String, String> metadataHeaders(SubscriptionEvent source) {
                    return real.metadataHeaders(source);
                }

                @Override
                public HttpRequest.Builder newRequest(Map<String, String> metadataHeaders) {
                    if (failFirstRequest.getAndSet(false)) {
                        thrown.set(true);
                        throw new StackOverflowError();
                    }
                    return real.newRequest(metadataHeaders);
                }
            };
        }
    }

    private record ListQueue(List<String> sent) implements DeadLetterQueue {
        @Override
        public void send(String body, long timeoutMillis) {
            sent.add(body);
        }

        @Override
        public List<Message> receive(int max, int visibilitySeconds, long timeoutMillis) {
            return List.of();
        }

        @Override
        public void delete(String receiptHandle, long timeoutMillis) {
        }
    }
}
