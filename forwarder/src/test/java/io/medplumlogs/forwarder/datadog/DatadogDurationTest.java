package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * Datadog's {@code duration} is {@code durationMs} in nanoseconds (forwarder.adoc, Datadog table). A {@code durationMs}
 * whose nanoseconds no 64-bit number holds (another process's field of that name, a bogus value) gets no
 * {@code duration} rather than a wrapped-around one: a negative or tiny duration would file the request among the
 * fastest in Datadog's latency views. {@code durationMs} itself is kept as written.
 */
class DatadogDurationTest {

    @Test
    void durationIsTheMillisecondsInNanoseconds() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"durationMs\":9223372036854}");
        assertThat(entry.get("duration").asLong()).isEqualTo(9_223_372_036_854_000_000L);
    }

    @Test
    void millisecondsWhoseNanosecondsOverflowGiveNoDuration() {
        for (String millis : new String[] {"9223372036855", "9223372036854775807", "123456789012345678901234567890",
                "-9223372036855"}) {
            JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"durationMs\":" + millis + "}");
            assertThat(entry.has("duration")).as(millis + ": " + entry.get("duration")).isFalse();
            assertThat(entry.get("durationMs").toString()).isEqualTo(millis);
        }
    }

    /**
     * No request takes less than no time: a negative {@code durationMs} (another process's clock stepping back, a
     * bogus value) would be filed as the fastest request of all in Datadog's latency views. It gets no duration.
     */
    @Test
    void aNegativeDurationGivesNoDuration() {
        for (String millis : new String[] {"-1", "-5000"}) {
            JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"durationMs\":" + millis + "}");
            assertThat(entry.has("duration")).as(millis + ": " + entry.get("duration")).isFalse();
            assertThat(entry.get("durationMs").toString()).isEqualTo(millis);
        }
        assertThat(sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"durationMs\":0}").get("duration").asLong())
                .isZero();
    }

    private static JsonNode sent(String line) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());
            return fixture.vendor.requests().get(0).entries().get(0);
        }
    }
}
