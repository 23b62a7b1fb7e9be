package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Datadog drops events older than 18 hours while answering 202: redriven after a long outage, they are re-stamped with
 * the current time and keep their own in {@code originalTimestamp}. Vendors without such a limit get them unchanged.
 */
class EventAgeTest extends AbstractMotoTest {

    static final Instant NINETEEN_HOURS_AGO = Instant.now().minus(Duration.ofHours(19)).truncatedTo(ChronoUnit.MILLIS);
    static final Instant TEN_HOURS_AGO = Instant.now().minus(Duration.ofHours(10)).truncatedTo(ChronoUnit.MILLIS);

    /** DLQ entries written 19 hours ago, while Datadog was down: plain text (epoch ms) and a contract line (ISO). */
    @Test
    void datadogEntriesOlderThan18HoursAreRestampedOnRedriveWithTheOriginalTimeKept() {
        ForwarderHandler handler = start(Vendor.DATADOG);
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of(
                "{\"message\":\"old plain\",\"timestamp\":" + NINETEEN_HOURS_AGO.toEpochMilli() + ",\"status\":\"info\"}",
                "{\"timestamp\":\"" + NINETEEN_HOURS_AGO + "\",\"level\":\"INFO\",\"message\":\"old line\"}",
                "{\"message\":\"recent\",\"timestamp\":" + TEN_HOURS_AGO.toEpochMilli() + "}"), Map.of()),
                "HTTP 503: down after 6 attempt(s)").get(0));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":1", "\"stillFailing\":0");
        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(texts(entries)).containsExactly("old plain", "old line", "recent");
        assertThat(Instant.ofEpochMilli(entries.get(0).get("timestamp").asLong())).isBetween(before, Instant.now());
        assertThat(entries.get(0).get("originalTimestamp").asText()).isEqualTo(NINETEEN_HOURS_AGO.toString());
        assertThat(Instant.parse(entries.get(1).get("timestamp").asText())).isBetween(before, Instant.now());
        assertThat(entries.get(1).get("originalTimestamp").asText()).isEqualTo(NINETEEN_HOURS_AGO.toString());
        assertThat(entries.get(2).get("timestamp").asLong()).isEqualTo(TEN_HOURS_AGO.toEpochMilli());
        assertThat(entries.get(2).has("originalTimestamp")).isFalse();
        assertThat(fixture.dlq.count()).isZero();
    }

    /** A re-stamped entry is written again: its decimals keep their digits (no double's rounding, no "Infinity"). */
    @Test
    void aRestampedEntryKeepsItsDecimalsAsWritten() {
        ForwarderHandler handler = start(Vendor.DATADOG);
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of(
                "{\"message\":\"old\",\"timestamp\":" + NINETEEN_HOURS_AGO.toEpochMilli()
                        + ",\"x\":1.50,\"y\":1e400,\"z\":0.1000000000000000000001}"), Map.of()),
                "HTTP 503: down after 6 attempt(s)").get(0));

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(fixture.vendor.accepted().get(0).body()).contains("\"originalTimestamp\"", "\"x\":1.50",
                "\"y\":1E+400", "\"z\":0.1000000000000000000001");
    }

    /**
     * An entry re-stamped once (an on-failure record recovered 19 hours ago whose chunk went to the DLQ) and redriven
     * again 19 hours later: the second re-stamp keeps the event's own time, not the time of the first re-stamp.
     */
    @Test
    void anEntryRestampedTwiceKeepsItsOwnTimeNotTheFirstRestamp() {
        ForwarderHandler handler = start(Vendor.DATADOG);
        Instant ownTime = NINETEEN_HOURS_AGO.minus(Duration.ofHours(19));
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of(
                "{\"message\":\"twice\",\"timestamp\":" + NINETEEN_HOURS_AGO.toEpochMilli()
                        + ",\"originalTimestamp\":\"" + ownTime + "\"}"), Map.of()),
                "HTTP 503: down after 6 attempt(s)").get(0));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        JsonNode entry = fixture.vendor.acceptedEntries().get(0);
        assertThat(Instant.ofEpochMilli(entry.get("timestamp").asLong())).isBetween(before, Instant.now());
        assertThat(entry.get("originalTimestamp").asText()).isEqualTo(ownTime.toString());
    }

    /** An invocation Lambda gave up on 19 hours ago, recovered from the on-failure queue. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eventsOfA19HourOldOnFailureRecordAreRestampedOnlyWhereTheVendorHasAnAgeLimitBelowThat(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder()
                .event("1", NINETEEN_HOURS_AGO.toEpochMilli(), "old plain")
                .event("2", NINETEEN_HOURS_AGO.toEpochMilli(),
                        "{\"timestamp\":\"" + NINETEEN_HOURS_AGO + "\",\"level\":\"WARN\",\"msg\":\"old line\"}")
                .invocationJson()));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":1");
        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).hasSize(2);
        for (JsonNode entry : entries) {
            if (vendor == Vendor.DATADOG) {
                JsonNode time = entry.get("timestamp");
                Instant stamped = time.isNumber() ? Instant.ofEpochMilli(time.asLong()) : Instant.parse(time.asText());
                assertThat(stamped).isBetween(before, Instant.now());
                assertThat(entry.get("originalTimestamp").asText()).isEqualTo(NINETEEN_HOURS_AGO.toString());
            } else {
                // Splunk's HEC keeps any time; Sumo's limit is a year
                assertThat(entry.toString()).doesNotContain("originalTimestamp");
            }
        }
        if (vendor == Vendor.SPLUNK) {
            assertThat(entries).allSatisfy(e -> assertThat(e.get("time").decimalValue().movePointRight(3).longValue())
                    .isEqualTo(NINETEEN_HOURS_AGO.toEpochMilli()));
        }
        if (vendor == Vendor.SUMOLOGIC) {
            assertThat(entries).allSatisfy(e -> assertThat(e.get("timestamp").asText())
                    .isEqualTo(NINETEEN_HOURS_AGO.toString()));
        }
    }
}
