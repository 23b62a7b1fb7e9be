package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An invocation that fails for a reason other than the DLQ (here the heap running out making chunk 4's body; in
 * production also a timeout or a crash) after chunk 1 went to the DLQ and chunks 2 and 3 were delivered. Lambda's
 * asynchronous retry sends the whole batch again: what each chunk's entries then amount to, as forwarder.adoc's "What
 * is not guaranteed" has to say it. Nothing is lost; the delivered chunks arrive twice, and the dead-lettered one is
 * in the DLQ twice, so redrive delivers it twice.
 */
class CrashMidInvocationRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "FIRST-CHUNK-MARKER";

    @Test
    void lambdasRetryOfABatchThatFailedHalfWaySendsItsDeliveredAndDeadLetteredChunksAgain() throws Exception {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            vendor.failWhen(r -> r.body().contains(FIRST), 400);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3500; i++) {
                lines.add((i == 0 ? FIRST + " " : "line ") + i + " " + "q".repeat(100));
            }
            List<String> dlq = new ArrayList<>();
            AtomicInteger bodies = new AtomicInteger();

            assertThatThrownBy(() -> delivery(vendor, dlq, () -> bodies.incrementAndGet() == 4)
                    .deliver(event(lines), Deadline.inMillis(30_000))).isInstanceOf(OutOfMemoryError.class);
            int firstTry = vendor.accepted().size();
            assertThat(firstTry).as("chunks 2 and 3 delivered before the failure").isEqualTo(2);
            assertThat(dlq).hasSize(1);

            // Lambda's retry of the same event, in a healthy environment
            delivery(vendor, dlq, () -> false).deliver(event(lines), Deadline.inMillis(30_000));

            List<String> delivered = new ArrayList<>();
            vendor.acceptedEntries().forEach(e -> delivered.add(e.get("message").asText()));
            List<String> deadLettered = new ArrayList<>();
            dlq.forEach(m -> DeadLetterCodec.decode(m).chunk().entries()
                    .forEach(e -> deadLettered.add(read(e).get("message").asText())));
            List<String> all = new ArrayList<>(delivered);
            all.addAll(deadLettered);
            assertThat(all).containsAll(lines); // nothing lost
            assertThat(deadLettered).as("chunk 1 dead-lettered by each attempt").hasSize(2 * 1000)
                    .filteredOn(t -> t.startsWith(FIRST)).hasSize(2);
            assertThat(delivered).as("chunks 2 and 3 delivered by each attempt, chunk 4 once")
                    .hasSize(lines.size() - 1000 + (vendor.accepted().get(0).entries().size()
                            + vendor.accepted().get(1).entries().size()));
        }
    }

    private static Delivery delivery(FakeVendor vendor, List<String> dlq, java.util.function.BooleanSupplier oom) {
        URI base = URI.create(vendor.baseUrl());
        VendorCredential credential = new VendorCredential("dd-api-key-of-this-test",
                timeout -> "dd-api-key-of-this-test", key -> failing(new DatadogIntake(base, key, Map.of()), oom));
        VendorSender sender = new VendorSender(credential, HttpClient.newHttpClient(),
                new RetryPolicy(Duration.ofSeconds(10), 1, 1, 1));
        return new Delivery(new DatadogIntake(base, "unused", Map.of()), sender, new DeadLetterQueue() {
            @Override
            public void send(String body, long timeoutMillis) {
                dlq.add(body);
            }

            @Override
            public List<Message> receive(int max, int visibilitySeconds, long timeoutMillis) {
                return List.of();
            }

            @Override
            public void delete(String receiptHandle, long timeoutMillis) {
            }
        });
    }

    /** {@code real}, whose request body cannot be made (the heap ran out) when {@code oom} says so. */
    private static Intake failing(DatadogIntake real, java.util.function.BooleanSupplier oom) {
        return new Intake() {
            @Override
            public Vendor vendor() {
                return real.vendor();
            }

            @Override
            public Framing framing() {
                if (oom.getAsBoolean()) {
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
                return real.newRequest(metadataHeaders);
            }
        };
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String entry) {
        try {
            return JSON.readTree(entry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SubscriptionEvent event(List<String> lines) throws Exception {
        return SubscriptionEventDecoder.decode(JSON.readTree(SubscriptionEvents.builder().lines(lines).invocation()));
    }
}
