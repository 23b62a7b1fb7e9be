package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.IntakeLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A vendor's age limit ({@link IntakeLimits#maxEventAge()}): Datadog drops events older than 18 hours while answering
 * 202, so an entry redriven after a long outage would be lost although the DLQ message is deleted, and so would a fresh
 * one (CloudWatch Logs takes events up to 14 days old; a line may carry an older time of its own). An entry older than
 * the limit (minus an hour's margin for the request itself) gets the current time in its time field and keeps its own
 * time, ISO-8601, in {@value #ORIGINAL_TIME}; so does one further ahead than the vendor's lead limit
 * ({@link IntakeLimits#maxEventLead()}). A number is judged as Datadog reads it, as epoch milliseconds: a line's time
 * in epoch nanoseconds (Go's zap) or whole seconds is then a date the vendor drops, so it is re-stamped too, and kept
 * as written, since its millisecond date is made up.
 *
 * <p>The check is only as good as the reading of the entry's time, so the usual loggers' ISO-8601 forms are read
 * ({@link #ISO_LIKE}), and a time that still cannot be read never goes out unjudged: an on-failure record's entry is
 * judged by its CloudWatch event's time; a dead letter holds no other time, so its entry is re-stamped, its own time
 * kept as written.
 */
final class EventAge {

    /** Attribute that keeps the original event time of a re-stamped entry. */
    static final String ORIGINAL_TIME = "originalTimestamp";
    /**
     * Room a re-stamp may add to an entry: {@code ,"originalTimestamp":} (21 bytes) and the new time (at most 26) beside
     * the old one, which is kept as written or as its ISO-8601 instant (at most 4 bytes longer than an ISO form read).
     */
    static final int RESERVE_BYTES = 64;

    /** A re-stamped entry keeps its decimals as written. */
    private static final ObjectMapper JSON = io.medplumlogs.forwarder.cloudwatch.ExactJson.MAPPER;
    private static final Duration MARGIN = Duration.ofHours(1);
    /**
     * CloudWatch Logs refuses events older than 14 days and SQS keeps messages at most 14 days: a longer limit (Sumo
     * Logic's year) can never be reached, so it costs no reserve.
     */
    private static final Duration OLDEST_POSSIBLE = Duration.ofDays(14);

    /**
     * ISO-8601 date and time as loggers write it: {@code T} or a space between them, seconds and a fraction (after
     * {@code .} or log4j's {@code ,}) optional, an offset as {@code Z}, {@code +01:00}, logback's {@code +0100} or
     * {@code +01}, or none: then UTC, as Datadog reads it.
     */
    private static final DateTimeFormatter ISO_LIKE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendPattern("['T'][' ']")
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendPattern("[.][,]").appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
            .optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    /**
     * How far a number read as epoch milliseconds may be from its event's time and still be taken for that: a line's
     * own time is within days of its CloudWatch event's (CloudWatch takes events up to 14 days old), while a time in
     * another unit read so is decades off (whole seconds: January 1970) or millennia (micro- and nanoseconds).
     */
    private static final Duration MILLIS_PLAUSIBLE_WITHIN = Duration.ofDays(365);

    private final Optional<Duration> restampAfter;
    /** A time further ahead than this is re-stamped too; only where there is an age limit to re-stamp for. */
    private final Optional<Duration> restampAhead;
    private final String timeField;

    EventAge(IntakeLimits limits, String timeField) {
        this.restampAfter = limits.maxEventAge().filter(age -> age.compareTo(OLDEST_POSSIBLE) <= 0)
                .map(age -> age.minus(MARGIN));
        // the margin the other way: a clock of the vendor's a little behind the forwarder's must not drop the entry
        this.restampAhead = restampAfter.isEmpty() ? Optional.empty()
                : limits.maxEventLead().map(lead -> lead.compareTo(MARGIN) > 0 ? lead.minus(MARGIN) : lead.dividedBy(2));
        this.timeField = timeField;
    }

    /** Bytes to keep free per entry so that a later re-stamp (on redrive) never breaks a size limit. */
    int reservePerEntry() {
        return restampAfter.isPresent() ? RESERVE_BYTES : 0;
    }

    /** Whether the vendor keeps an event of this time: not older than its age limit, not further ahead than its lead. */
    private boolean keptAt(Instant time, Instant now) {
        return !time.isBefore(now.minus(restampAfter.get()))
                && restampAhead.map(ahead -> !time.isAfter(now.plus(ahead))).orElse(true);
    }

    /**
     * Re-stamps {@code entry} (of a fresh or an on-failure record's event) in place if it is too old for the vendor; true if it
     * did. A time the entry has but that cannot be read is judged by {@code eventMillis}, the CloudWatch event's.
     */
    boolean restamp(ObjectNode entry, long eventMillis) {
        return restamp(entry, Instant.ofEpochMilli(eventMillis));
    }

    /**
     * Re-stamps {@code entry} (of a dead letter) in place if it is too old for the vendor, or if its time cannot be
     * read: nothing else tells its age, and the vendor might read it and drop the entry. True if it did.
     */
    boolean restamp(ObjectNode entry) {
        return restamp(entry, (Instant) null);
    }

    private boolean restamp(ObjectNode entry, Instant eventTime) {
        if (restampAfter.isEmpty()) {
            return false;
        }
        JsonNode time = entry.get(timeField);
        if (time == null || time.isNull()) {
            return false; // no time of its own: the vendor stamps it on arrival
        }
        // as the vendor reads it: Datadog takes any number for epoch milliseconds, also one written in another unit
        Optional<Instant> original = instant(time);
        Instant judged = original.orElse(eventTime);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (judged != null && keptAt(judged, now)) {
            return false;
        }
        // same type as before (Datadog takes epoch milliseconds or an ISO string), in the same position
        if (time.isNumber()) {
            entry.put(timeField, now.toEpochMilli());
        } else {
            entry.put(timeField, now.toString());
        }
        // re-stamped before (an on-failure record whose chunk went to the DLQ): the event's own time is already kept,
        // as text or as written (a number, an object)
        if (!entry.has(ORIGINAL_TIME)) {
            // ISO only where that is the same time: a fractional number (epoch seconds.fraction, as Python loggers
            // write it) has no exact instant of whole milliseconds, and a whole number far from the event's time is
            // in another unit (seconds, micro-, nanoseconds) whose millisecond date is made up: kept as written
            if (original.isPresent() && !(time.isNumber() && (!time.isIntegralNumber()
                    || !millisPlausible(original.get(), eventTime != null ? eventTime : now)))) {
                entry.put(ORIGINAL_TIME, original.get().toString());
            } else {
                entry.set(ORIGINAL_TIME, time); // as written: nothing of the entry is lost
            }
        }
        return true;
    }

    /**
     * A time kept outside the entry (a Firehose record's {@code logEvents[].timestamp}, which Datadog's Firehose
     * intake may read): the current time when {@code eventMillis} is too old for the vendor, as {@link #restamp} does
     * to the entry, so that the record does not carry the old time the entry no longer has.
     */
    long timeToSend(long eventMillis) {
        if (restampAfter.isEmpty()) {
            return eventMillis;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return keptAt(Instant.ofEpochMilli(eventMillis), now) ? eventMillis : now.toEpochMilli();
    }

    /**
     * Whether a number read as epoch milliseconds is a time of an event of {@code reference} (its CloudWatch time, or
     * now for a dead letter, which is at most 14 days old), not a time in another unit read as milliseconds.
     */
    private static boolean millisPlausible(Instant millis, Instant reference) {
        return !millis.isBefore(reference.minus(MILLIS_PLAUSIBLE_WITHIN))
                && !millis.isAfter(reference.plus(MILLIS_PLAUSIBLE_WITHIN));
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

    static Optional<Instant> instant(JsonNode time) {
        if (time.isNumber()) {
            // beyond a long no time at all: asLong keeps the low 64 bits, a made-up date to judge by and to keep
            return time.canConvertToLong() ? Optional.of(Instant.ofEpochMilli(time.asLong())) : Optional.empty();
        }
        if (time.isTextual()) {
            Instant contract = contractShaped(time.asText());
            return contract != null ? Optional.of(contract) : isoLike(time.asText());
        }
        return Optional.empty();
    }

    /** {@link #ISO_LIKE}'s reading of {@code text}: empty when it is no such time. */
    static Optional<Instant> isoLike(String text) {
        try {
            TemporalAccessor read = ISO_LIKE.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return Optional.of(read instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) read).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /**
     * The log contract's own {@code timestamp} ({@code 2026-01-02T03:04:05.678Z}, every line of the extension) read
     * without {@link #ISO_LIKE}: every entry of every invocation is judged since fresh invocations re-stamp too, and
     * that formatter's parse cost about 3 µs an entry under C1, the JIT the forwarder is deployed with (a 1 MiB
     * Datadog batch: several milliseconds). The same instant as {@link #isoLike}; {@code null} for any other shape or
     * an impossible date, which is then left to {@link #isoLike}.
     */
    static Instant contractShaped(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException impossible) {
            return null; // 2026-02-30, 24:00: ISO_LIKE refuses it as well
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
