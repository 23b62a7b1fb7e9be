package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Datadog keeps no log whose timestamp is more than 18 hours in the past, yet answers 202 (its "Send logs" API
 * reference); the fake keeps none either ({@code FakeVendor#acceptedEntries}). CloudWatch Logs takes events up to 14
 * days old (an agent catching up after an outage, a backfill), and a line may carry a time of its own older than its
 * CloudWatch event's: such lines reach the forwarder in a fresh invocation, not only on redrive, and must not be lost
 * there either.
 */
class DatadogAgeLimitTest {

    @Test
    void aFreshInvocationsLinesOlderThanDatadogKeepsAreReStampedNotLost() {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String ownOldTime = "{\"timestamp\":\"" + twoDaysAgo + "\",\"level\":\"INFO\",\"msg\":\"own old time\"}";
        SubscriptionEvents batch = SubscriptionEvents.builder()
                .event("1", twoDaysAgo.toEpochMilli(), "backfilled by an agent after an outage")
                .event("2", now.toEpochMilli(), ownOldTime)
                .event("3", now.toEpochMilli(), "{\"level\":\"INFO\",\"msg\":\"recent\"}");

        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), batch.invocation());

            List<JsonNode> kept = fixture.vendor.acceptedEntries();
            assertThat(kept).extracting(e -> e.get("message").asText())
                    .containsExactly("backfilled by an agent after an outage", "own old time", "recent");
            assertThat(kept.get(0).get("originalTimestamp").asText()).isEqualTo(twoDaysAgo.toString());
            assertThat(kept.get(1).get("originalTimestamp").asText()).isEqualTo(twoDaysAgo.toString());
            assertThat(kept.get(2).has("originalTimestamp")).isFalse();
            assertThat(fixture.sqs.everSent()).isEmpty();
        }
    }

    /**
     * A time in epoch seconds with a fraction (structlog's {@code TimeStamper(fmt=None)}, Python's {@code time.time()})
     * is read by Datadog as milliseconds, so in 1970: the entry is re-stamped, and its own time must be kept as written,
     * not as the instant of its whole milliseconds (which dropped the fraction and told a 1970 date).
     */
    @Test
    void aFractionalNumericTimeIsReStampedAndKeptAsWritten() {
        String seconds = new BigDecimal(Instant.now().toEpochMilli()).movePointLeft(3).toPlainString();
        SubscriptionEvents batch = SubscriptionEvents.builder()
                .lines("{\"timestamp\":" + seconds + ",\"level\":\"INFO\",\"msg\":\"from python\"}");

        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), batch.invocation());

            JsonNode entry = fixture.vendor.acceptedEntries().get(0);
            assertThat(entry.get("message").asText()).isEqualTo("from python");
            assertThat(entry.get("originalTimestamp").isNumber()).isTrue();
            assertThat(entry.get("originalTimestamp").decimalValue()).isEqualByComparingTo(seconds);
        }
    }

    /**
     * Datadog reads a number in {@code timestamp} as epoch milliseconds. A time written in another unit reads as a date
     * it does not keep: epoch nanoseconds (Go's zap) and microseconds thousands of years ahead, whole epoch seconds in
     * January 1970. Such an entry is re-stamped like an old one, and its own time is kept as written, not as the date
     * a millisecond reading makes of it. A millisecond time three hours ahead (a clock gone fast) is re-stamped too,
     * its own time kept as ISO-8601.
     */
    @Test
    void aNumericTimeInAnotherUnitOrAheadIsReStampedAndKeptAsWritten() {
        long now = Instant.now().toEpochMilli();
        String nanos = now + "123456";
        String micros = now + "789";
        String seconds = String.valueOf(now / 1000);
        Instant threeHoursAhead = Instant.ofEpochMilli(now).plus(Duration.ofHours(3));
        SubscriptionEvents batch = SubscriptionEvents.builder().lines(
                "{\"timestamp\":" + nanos + ",\"level\":\"INFO\",\"msg\":\"nanos\"}",
                "{\"timestamp\":" + micros + ",\"level\":\"INFO\",\"msg\":\"micros\"}",
                "{\"timestamp\":" + seconds + ",\"level\":\"INFO\",\"msg\":\"seconds\"}",
                "{\"timestamp\":" + threeHoursAhead.toEpochMilli() + ",\"level\":\"INFO\",\"msg\":\"ahead\"}");

        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), batch.invocation());

            List<JsonNode> kept = fixture.vendor.acceptedEntries();
            assertThat(kept).extracting(e -> e.get("message").asText())
                    .containsExactly("nanos", "micros", "seconds", "ahead");
            assertThat(kept).extracting(e -> e.path("originalTimestamp").toString())
                    .containsExactly(nanos, micros, seconds, "\"" + threeHoursAhead + "\"");
        }
    }
}
