package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.IntakeLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A vendor's age limit ({@link IntakeLimits#maxEventAge()}): Datadog drops events older than 18 hours while answering
 * 202, so an entry redriven after a long outage would be lost although the DLQ message is deleted. An entry older than
 * the limit (minus an hour's margin for the request itself) gets the current time in its time field and keeps its own
 * time, ISO-8601, in {@value #ORIGINAL_TIME}.
 */
final class EventAge {

    /** Attribute that keeps the original event time of a re-stamped entry. */
    static final String ORIGINAL_TIME = "originalTimestamp";
    /** Room a re-stamp may add to an entry ({@code ,"originalTimestamp":"…"} is 48 bytes). */
    static final int RESERVE_BYTES = 64;

    /** A re-stamped entry keeps its decimals as written. */
    private static final ObjectMapper JSON = io.medplumlogs.forwarder.cloudwatch.ExactJson.MAPPER;
    private static final Duration MARGIN = Duration.ofHours(1);
    /**
     * CloudWatch Logs refuses events older than 14 days and SQS keeps messages at most 14 days: a longer limit (Sumo
     * Logic's year) can never be reached, so it costs no reserve.
     */
    private static final Duration OLDEST_POSSIBLE = Duration.ofDays(14);

    private final Optional<Duration> restampAfter;
    private final String timeField;

    EventAge(IntakeLimits limits, String timeField) {
        this.restampAfter = limits.maxEventAge().filter(age -> age.compareTo(OLDEST_POSSIBLE) <= 0)
                .map(age -> age.minus(MARGIN));
        this.timeField = timeField;
    }

    /** Bytes to keep free per entry so that a later re-stamp (on redrive) never breaks a size limit. */
    int reservePerEntry() {
        return restampAfter.isPresent() ? RESERVE_BYTES : 0;
    }

    /** Re-stamps {@code entry} in place if it is too old for the vendor; true if it did. */
    boolean restamp(ObjectNode entry) {
        if (restampAfter.isEmpty()) {
            return false;
        }
        JsonNode time = entry.get(timeField);
        Optional<Instant> original = instant(time);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (original.isEmpty() || !original.get().isBefore(now.minus(restampAfter.get()))) {
            return false;
        }
        // same type as before (Datadog takes epoch milliseconds or an ISO string), in the same position
        if (time.isNumber()) {
            entry.put(timeField, now.toEpochMilli());
        } else {
            entry.put(timeField, now.toString());
        }
        // re-stamped before (an on-failure record whose chunk went to the DLQ): the event's own time is already kept
        if (!entry.path(ORIGINAL_TIME).isTextual()) {
            entry.put(ORIGINAL_TIME, original.get().toString());
        }
        return true;
    }

    /** The chunk with its too-old entries re-stamped (redrive of DLQ messages); the same chunk if none is. */
    Chunk restamp(Chunk chunk) {
        if (restampAfter.isEmpty()) {
            return chunk;
        }
        List<String> entries = new ArrayList<>(chunk.entries().size());
        boolean changed = false;
        for (String entry : chunk.entries()) {
            try {
                if (JSON.readTree(entry) instanceof ObjectNode node && restamp(node)) {
                    entries.add(JSON.writeValueAsString(node));
                    changed = true;
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a DLQ entry is not JSON", e);
            }
            entries.add(entry);
        }
        return changed ? new Chunk(entries, chunk.metadataHeaders()) : chunk;
    }

    private static Optional<Instant> instant(JsonNode time) {
        if (time == null) {
            return Optional.empty();
        }
        if (time.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(time.asLong()));
        }
        if (time.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(time.asText()).toInstant());
            } catch (DateTimeParseException notIso) {
                return Optional.empty(); // a format we cannot judge is left as written
            }
        }
        return Optional.empty();
    }
}
