package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Datadog keeps no log more than 18 hours old, yet accepts it; its Firehose destination gets a CloudWatch Logs payload
 * whose {@code logEvents[].timestamp} it may date the log by, so a backfilled event (CloudWatch takes them up to 14
 * days old) must not arrive with that old time there while its message is re-stamped.
 */
class FirehoseAgeLimitTest {

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void anEventOlderThanDatadogKeepsGetsTheCurrentTimeInItsLogEventsElementToo() {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        long recent = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli();
        String longLine = "x".repeat(1_040_000);
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, "datadog")), new FirehoseEvents()
                        .record("r", SubscriptionEvents.builder()
                                .event("1", twoDaysAgo.toEpochMilli(), "backfilled by an agent after an outage")
                                .event("2", twoDaysAgo.toEpochMilli(), longLine)
                                .event("3", recent, "recent")).bytes());

        JsonNode events = FirehoseEvents.gunzipJson(FirehoseEvents.data(answers.get(0))).get("logEvents");
        long keptFrom = Instant.now().minus(Duration.ofHours(17)).toEpochMilli();
        JsonNode old = FirehoseWireFormatTest.parse(events.get(0).get("message").asText());
        assertThat(old.get("originalTimestamp").asText()).isEqualTo(twoDaysAgo.toString());
        assertThat(events.get(0).get("timestamp").asLong()).isGreaterThan(keptFrom);
        // the parts of the old long line: each re-stamped, one time for all of them
        assertThat(events.size()).as("two parts at least").isGreaterThan(3);
        JsonNode firstPart = events.get(1);
        for (int i = 1; i < events.size() - 1; i++) {
            assertThat(FirehoseWireFormatTest.parse(events.get(i).get("message").asText()).get("partOf").asText())
                    .isEqualTo("2");
            assertThat(events.get(i).get("timestamp").asLong()).isEqualTo(firstPart.get("timestamp").asLong())
                    .isGreaterThan(keptFrom);
        }
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("timestamp").asLong()).isEqualTo(recent);
        assertThat(FirehoseWireFormatTest.parse(last.get("message").asText()).has("originalTimestamp")).isFalse();
    }
    /**
     * A whole number beyond a long (a count of nanoseconds gone wrong, a 30-digit id in the time field) is no time a
     * vendor can read: it was read by its low 64 bits, a made-up date that replaced it in {@code originalTimestamp}.
     * Like any unreadable time it is judged by the CloudWatch event's time and, when re-stamped, kept as written.
     */
    @Test
    void aTimeBeyondEveryClockIsJudgedByItsCloudWatchTimeAndKeptAsWritten() {
        String huge = "12345678901234567890123456789";
        String line = "{\"timestamp\":" + huge + ",\"level\":\"INFO\",\"msg\":\"odd clock\"}";
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, "datadog")), new FirehoseEvents()
                        .record("r", SubscriptionEvents.builder()
                                .event("1", Instant.now().minus(Duration.ofDays(2)).toEpochMilli(), line)
                                .event("2", Instant.now().toEpochMilli(), line)).bytes());

        JsonNode events = FirehoseEvents.gunzipJson(FirehoseEvents.data(answers.get(0))).get("logEvents");
        JsonNode old = FirehoseWireFormatTest.parse(events.get(0).get("message").asText());
        assertThat(old.path("originalTimestamp").toString()).isEqualTo(huge);
        assertThat(old.get("timestamp").asLong())
                .isGreaterThan(Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli());
        JsonNode recent = FirehoseWireFormatTest.parse(events.get(1).get("message").asText());
        assertThat(recent.get("timestamp").toString()).isEqualTo(huge);
        assertThat(recent.has("originalTimestamp")).isFalse();
    }

    /**
     * The Firehose path reads a line's time as the Lambda path does: a number in another unit than milliseconds
     * (nanoseconds, microseconds, whole seconds) is a date Datadog does not keep, so the message is re-stamped and
     * its own time kept as written, and the logEvents element keeps the CloudWatch event's (current) time.
     */
    @Test
    void aNumericTimeInAnotherUnitIsReStampedAndKeptAsWritten() {
        long now = Instant.now().toEpochMilli();
        String nanos = now + "123456";
        String micros = now + "789";
        String seconds = String.valueOf(now / 1000);
        SubscriptionEvents batch = SubscriptionEvents.builder();
        for (String time : new String[] {nanos, micros, seconds}) {
            batch.event(time, now, "{\"timestamp\":" + time + ",\"level\":\"INFO\",\"msg\":\"x\"}");
        }
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, "datadog")),
                new FirehoseEvents().record("r", batch).bytes());

        JsonNode events = FirehoseEvents.gunzipJson(FirehoseEvents.data(answers.get(0))).get("logEvents");
        assertThat(events).hasSize(3);
        for (JsonNode event : events) {
            JsonNode message = FirehoseWireFormatTest.parse(event.get("message").asText());
            assertThat(FakeVendor.datadogKeeps(message)).as(message.toString()).isTrue();
            assertThat(message.path("originalTimestamp").toString()).isEqualTo(event.get("id").asText());
            assertThat(event.get("timestamp").asLong()).isEqualTo(now);
        }
    }
}
