package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Datadog dates a log by its date attributes, {@code timestamp} first (its Log Date Remapper page lists
 * {@code timestamp}, {@code date}, {@code _timestamp}, {@code Timestamp}, {@code eventTime}, {@code published_date}).
 * Every entry leaves with a {@code timestamp}, so a line's own {@code date}-like field, days old (a FHIR resource's
 * date, a library's own time field), stays an attribute as written and does not date the entry.
 */
class DatadogDateAttributesTest {

    private static final String DAYS_AGO = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS)
            .toString();
    private static final String OWN_DATES = "\"date\":\"" + DAYS_AGO + "\",\"_timestamp\":\"" + DAYS_AGO + "\","
            + "\"Timestamp\":\"" + DAYS_AGO + "\",\"eventTime\":\"" + DAYS_AGO + "\",\"published_date\":\""
            + DAYS_AGO + "\"";

    @Test
    void aLineWithoutTimestampIsDatedByItsCloudWatchEventNotByItsOwnDateFields() {
        long eventTime = System.currentTimeMillis() - 60_000;
        JsonNode entry = sent(SubscriptionEvents.builder().event("1", eventTime,
                "{\"level\":\"INFO\",\"msg\":\"m\"," + OWN_DATES + "}"));

        assertThat(entry.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(entry.get("timestamp").asLong()).isEqualTo(eventTime);
        assertOwnDatesKept(entry);
        assertThat(FakeVendor.datadogKeeps(entry)).isTrue();
    }

    @Test
    void aLineWithATimestampKeepsItAndItsOwnDateFieldsAsWritten() {
        String now = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString();
        JsonNode entry = sent(SubscriptionEvents.builder().lines(
                "{\"timestamp\":\"" + now + "\",\"level\":\"INFO\",\"msg\":\"m\"," + OWN_DATES + "}"));

        assertThat(entry.get("timestamp").asText()).isEqualTo(now);
        assertOwnDatesKept(entry);
    }

    @Test
    void aPlainTextLineIsDatedByItsCloudWatchEvent() {
        long eventTime = System.currentTimeMillis() - 60_000;
        JsonNode entry = sent(SubscriptionEvents.builder().event("1", eventTime, "date=" + DAYS_AGO + " plain"));

        assertThat(entry.get("timestamp").asLong()).isEqualTo(eventTime);
        assertThat(entry.has("date")).isFalse();
    }

    private static void assertOwnDatesKept(JsonNode entry) {
        for (String name : new String[] {"date", "_timestamp", "Timestamp", "eventTime", "published_date"}) {
            assertThat(entry.get(name).asText()).as(name).isEqualTo(DAYS_AGO);
        }
    }

    private static JsonNode sent(SubscriptionEvents batch) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), batch.invocation());
            assertThat(fixture.vendor.requests()).hasSize(1);
            return fixture.vendor.requests().get(0).entries().get(0);
        }
    }
}
