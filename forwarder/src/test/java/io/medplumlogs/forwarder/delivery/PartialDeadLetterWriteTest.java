package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A failed chunk too big for one SQS message goes to the DLQ as several messages, one SendMessage each. SQS has no
 * all-or-nothing write across messages, so the DLQ can take the first and refuse the second (throttled past the SDK's
 * retries, a KMS key disabled between two calls, the queue purged or deleted meanwhile). The invocation then fails and
 * Lambda's retry sends the whole batch again, so the entries of the messages already written come twice: once in
 * that retry, once when redrive sends those messages. Nothing is lost, but the operator must be told what is in the
 * DLQ: the LOGS AT RISK error must not say the chunk was "neither delivered nor written to the DLQ" when part of it
 * was written.
 */
class PartialDeadLetterWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDlqThatTakesTheFirstMessageOfAChunkAndRefusesTheSecondSaysSoAndLosesNothing() throws Exception {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            vendor.failWhen(r -> true, 400);
            List<String> lines = incompressibleLines(6, 150_000);
            List<String> written = new ArrayList<>();
            Delivery delivery = delivery(vendor, new DeadLetterQueue() {
                @Override
                public void send(String body, long timeoutMillis) {
                    if (!written.isEmpty()) {
                        throw new IllegalStateException("ThrottlingException: Rate exceeded");
                    }
                    written.add(body);
                }

                @Override
                public List<Message> receive(int max, int visibilitySeconds, long timeoutMillis) {
                    return List.of();
                }

                @Override
                public void delete(String receiptHandle, long timeoutMillis) {
                }
            });

            assertThatThrownBy(() -> delivery.deliver(event(lines), Deadline.inMillis(30_000)))
                    .isInstanceOf(DeadLetterWriteException.class)
                    .hasMessageContaining("chunk 1/1")
                    .hasMessageNotContaining("neither delivered")
                    .hasMessageContaining("1 of ")
                    .hasMessageContaining("written to the DLQ");
            assertThat(written).hasSize(1);
            int stored = DeadLetterCodec.decode(written.get(0)).chunk().entries().size();
            assertThat(stored).isBetween(1, lines.size() - 1);

            // Lambda's retry with the DLQ working again: the whole chunk is written again, nothing lost, and the
            // entries of the first write are in the DLQ twice (documented: at-least-once)
            List<String> retried = new ArrayList<>();
            delivery(vendor, new ListQueue(retried)).deliver(event(lines), Deadline.inMillis(30_000));
            List<String> all = new ArrayList<>();
            for (String message : retried) {
                all.addAll(DeadLetterCodec.decode(message).chunk().entries());
            }
            assertThat(all).hasSize(lines.size());
        }
    }

    /**
     * The DLQ takes chunk 1's dead letter, then refuses chunk 3's: the invocation fails, and Lambda's retry writes
     * chunk 1 to the DLQ a second time (redrive then delivers it twice), as it sends chunk 2 again. Nothing lost.
     */
    @Test
    void aChunkDeadLetteredBeforeTheDlqRefusedALaterOneIsDeadLetteredAgainByTheRetry() throws Exception {
        try (FakeVendor vendor = FakeVendor.start(Vendor.DATADOG)) {
            vendor.failWhen(r -> r.body().contains("FAILS"), 400);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                lines.add((i == 0 || i == 2400 ? "FAILS " : "line ") + i);
            }
            List<String> written = new ArrayList<>();
            Delivery refusingTheSecond = delivery(vendor, new ListQueue(written) {
                @Override
                public void send(String body, long timeoutMillis) {
                    if (!written.isEmpty()) {
                        throw new IllegalStateException("KMS.DisabledException");
                    }
                    super.send(body, timeoutMillis);
                }
            });
            assertThatThrownBy(() -> refusingTheSecond.deliver(event(lines), Deadline.inMillis(30_000)))
                    .isInstanceOf(DeadLetterWriteException.class).hasMessageContaining("chunk 3/3")
                    .hasMessageContaining("neither delivered");

            delivery(vendor, new ListQueue(written)).deliver(event(lines), Deadline.inMillis(30_000));

            List<String> dead = new ArrayList<>();
            written.forEach(m -> dead.addAll(DeadLetterCodec.decode(m).chunk().entries()));
            assertThat(dead).filteredOn(e -> e.contains("FAILS 0")).hasSize(2);
            assertThat(dead).filteredOn(e -> e.contains("FAILS 2400")).hasSize(1);
        }
    }

    private static Delivery delivery(FakeVendor vendor, DeadLetterQueue dlq) {
        VendorCredential credential = new VendorCredential("dd-api-key-of-this-test",
                timeout -> "dd-api-key-of-this-test",
                key -> new DatadogIntake(URI.create(vendor.baseUrl()), key, Map.of()));
        VendorSender sender = new VendorSender(credential, HttpClient.newHttpClient(),
                new RetryPolicy(Duration.ofSeconds(10), 1, 1, 1));
        return new Delivery(new DatadogIntake(URI.create(vendor.baseUrl()), "unused", Map.of()), sender, dlq);
    }

    /** Random base64 text: gzip keeps about 3/4 of it, so a few such lines need several 256 KiB DLQ messages. */
    static List<String> incompressibleLines(int count, int length) {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder line = new StringBuilder("line " + i + " ");
            while (line.length() < length) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static SubscriptionEvent event(List<String> lines) throws Exception {
        return SubscriptionEventDecoder.decode(JSON.readTree(SubscriptionEvents.builder().lines(lines).invocation()));
    }

    private static class ListQueue implements DeadLetterQueue {
        private final List<String> sent;

        ListQueue(List<String> sent) {
            this.sent = sent;
        }

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
