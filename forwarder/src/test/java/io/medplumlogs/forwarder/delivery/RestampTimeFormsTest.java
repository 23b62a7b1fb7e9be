package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The re-stamp on redrive is only as good as the forwarder's reading of the entry's time: a form it cannot read, left
 * as written, reaches Datadog 19 hours old and is dropped there while the intake answers 202. The usual loggers' ISO-8601
 * forms are read (logback's {@code +0000}, an hours-only offset, no offset, a space for the {@code T}, a comma
 * before the fraction); a time still unreadable never goes out unstamped.
 */
class RestampTimeFormsTest extends AbstractMotoTest {

    static final Instant NINETEEN_HOURS_AGO = Instant.now().minus(Duration.ofHours(19)).truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "yyyy-MM-dd'T'HH:mm:ss.SSSZ | +02:00", // logback's %d{ISO8601}-like with SimpleDateFormat's Z: +0200
            "yyyy-MM-dd'T'HH:mm:ss.SSSZ | Z", // +0000
            "yyyy-MM-dd'T'HH:mm:ss.SSSx | +02:00", // hours only: +02
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX | -05:30",
            "yyyy-MM-dd'T'HH:mm:ss.SSS | Z", // no offset: UTC, as Datadog reads it
            "yyyy-MM-dd'T'HH:mm:ss | Z",
            "yyyy-MM-dd HH:mm:ss.SSS | Z",
            "yyyy-MM-dd HH:mm:ss,SSS | Z", // log4j's default
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ | +01:00"})
    void aNineteenHourOldTimeInAnIsoFormIsRestampedOnRedrive(String pattern, String zone) {
        String written = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.of(zone)).format(NINETEEN_HOURS_AGO);
        Instant writtenInstant = pattern.contains("ss.") || pattern.contains("ss,") ? NINETEEN_HOURS_AGO
                : NINETEEN_HOURS_AGO.truncatedTo(ChronoUnit.SECONDS);
        JsonNode entry = redrivenFromTheDlq("{\"timestamp\":\"" + written + "\",\"level\":\"INFO\",\"message\":\"x\"}");

        assertThat(Instant.parse(entry.get("timestamp").asText())).as("re-stamped " + written)
                .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(entry.get("originalTimestamp").asText()).isEqualTo(writtenInstant.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd HH:mm:ss,SSS"})
    void aTenHourOldTimeInAnIsoFormIsLeftAsWritten(String pattern) {
        String written = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC)
                .format(Instant.now().minus(Duration.ofHours(10)));
        JsonNode entry = redrivenFromTheDlq("{\"timestamp\":\"" + written + "\",\"message\":\"x\"}");

        assertThat(entry.get("timestamp").asText()).isEqualTo(written);
        assertThat(entry.has("originalTimestamp")).isFalse();
    }

    /** A dead letter holds no other time of the entry: one the forwarder cannot read is re-stamped, kept as written. */
    @ParameterizedTest
    @ValueSource(strings = {"\"04/Dec/2026:10:05:33 +0000\"", "\"yesterday\"", "{\"seconds\":1}", "true"})
    void anUnreadableTimeInADeadLetterIsRestampedAndKeptAsWritten(String time) {
        JsonNode entry = redrivenFromTheDlq("{\"timestamp\":" + time + ",\"message\":\"x\"}");

        assertThat(Instant.parse(entry.get("timestamp").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(entry.get("originalTimestamp").toString()).isEqualTo(time);
    }

    /**
     * A dead letter's number in another unit than milliseconds (nanoseconds, microseconds, whole seconds) is a date
     * Datadog does not keep: re-stamped, and kept as written, not as the date a millisecond reading makes of it.
     */
    @ParameterizedTest
    @ValueSource(longs = {1_000_000, 1_000, -1_000})
    void aNumericTimeInAnotherUnitInADeadLetterIsRestampedAndKeptAsWritten(long perMilli) {
        long now = Instant.now().toEpochMilli();
        long written = perMilli > 0 ? now * perMilli : now / -perMilli;
        JsonNode entry = redrivenFromTheDlq("{\"timestamp\":" + written + ",\"message\":\"x\"}");

        assertThat(entry.get("timestamp").asLong()).isBetween(now, Instant.now().toEpochMilli());
        assertThat(entry.get("originalTimestamp").toString()).isEqualTo(String.valueOf(written));
    }

    /**
     * An entry re-stamped before whose own time was kept as written (not text: a fractional epoch-seconds number, an
     * object) keeps that time when it is re-stamped again, as one kept as text does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1764930000.123", "{\"seconds\":1}"})
    void anOriginalTimeKeptAsWrittenSurvivesASecondReStamp(String kept) {
        long earlierRestamp = Instant.now().minus(Duration.ofHours(19)).toEpochMilli();
        JsonNode entry = redrivenFromTheDlq("{\"timestamp\":" + earlierRestamp + ",\"originalTimestamp\":" + kept
                + ",\"message\":\"x\"}");

        assertThat(entry.get("timestamp").asLong()).isGreaterThan(earlierRestamp);
        // the body as sent: the fake's reader would turn the decimal into a double
        assertThat(fixture.vendor.accepted().get(0).body()).contains("\"originalTimestamp\":" + kept + ",");
    }

    /** An on-failure record has each event's CloudWatch time: it decides for a time the forwarder cannot read. */
    @ParameterizedTest
    @CsvSource({"19, true", "10, false"})
    void anUnreadableTimeInAnOnFailureRecordIsJudgedByItsCloudWatchTime(long hoursAgo, boolean restamped) {
        ForwarderHandler handler = start(Vendor.DATADOG);
        long eventTime = Instant.now().minus(Duration.ofHours(hoursAgo)).toEpochMilli();
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder()
                .event("1", eventTime, "{\"timestamp\":\"04/Dec/2026:10:05:33 +0000\",\"msg\":\"x\"}")
                .invocationJson()));

        assertThat(ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT))
                .contains("\"invocationsRecovered\":1");
        JsonNode entry = fixture.vendor.acceptedEntries().get(0);
        assertThat(entry.has("originalTimestamp")).isEqualTo(restamped);
        assertThat(entry.get("timestamp").asText().equals("04/Dec/2026:10:05:33 +0000")).isNotEqualTo(restamped);
    }

    private JsonNode redrivenFromTheDlq(String entry) {
        ForwarderHandler handler = start(Vendor.DATADOG);
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of(entry), Map.of()),
                "HTTP 503: down after 6 attempt(s)").get(0));

        assertThat(ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT)).contains("\"redelivered\":1");
        return fixture.vendor.acceptedEntries().get(0);
    }
}
