package io.medplumlogs.forwarder.sumologic;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Sumo Logic dates a record by the first timestamp it finds in it. A record the forwarder builds (a plain-text line, a
 * JSON line without {@code timestamp}) starts with the CloudWatch event's time, so a date the line holds further on
 * (a FHIR resource's {@code date}, a text line's own stamp) does not date it (forwarder.adoc, Sumo Logic); a JSON line
 * with its own {@code timestamp} is the record as written.
 */
class SumoLogicRecordTimeTest {

    @Test
    void aRecordTheForwarderBuildsStartsWithTheEventTime() {
        long eventTime = System.currentTimeMillis() - 60_000;
        String iso = Instant.ofEpochMilli(eventTime).toString();
        String json = "{\"level\":\"INFO\",\"msg\":\"m\",\"date\":\"2019-01-02T03:04:05Z\",\"time\":1546398245000}";
        String text = "2019-01-02 03:04:05,678 INFO started";
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().event("1", eventTime, json)
                    .event("2", eventTime, text).invocation());

            String[] records = fixture.vendor.requests().get(0).body().split("\n");
            assertThat(records[0]).isEqualTo("{\"timestamp\":\"" + iso + "\"," + json.substring(1));
            assertThat(records[1]).isEqualTo("{\"timestamp\":\"" + iso + "\",\"message\":\"" + text + "\"}");
        }
    }
}
