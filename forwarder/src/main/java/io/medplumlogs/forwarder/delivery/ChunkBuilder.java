package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.Utf8;
import io.medplumlogs.contract.IntakeLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a subscription event into chunks within the vendor's {@link IntakeLimits}: an entry above the per-event limit
 * is re-encoded with a cut message and a marker (never dropped), and chunks respect the entry and byte limits.
 */
public final class ChunkBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a correlation field is cut to when the fields alone exceed the per-event limit (IDs are far shorter). */
    static final int CORRELATION_FIELD_MAX_BYTES = 256;

    private final Intake intake;
    private final IntakeLimits limits;
    /**
     * Whether the last entry written was a cut message: the entry {@link #encodeWithinLimit} returns is the last one it
     * wrote. One invocation at a time per execution environment, so a field is enough.
     */
    private boolean lastWriteTruncated;
    /** UTF-8 bytes of the entry {@link #encodeWithinLimit} returned last: counted once, not again per chunk. */
    private int lastEntryBytes;
    private final EventAge age;
    private boolean restampOld;
    private boolean lastRestamped;

    public ChunkBuilder(Intake intake) {
        this.intake = intake;
        this.limits = intake.vendor().limits();
        this.age = new EventAge(limits, intake.timeField());
    }

    /** The vendor's age limit, for entries redriven from the DLQ. */
    EventAge age() {
        return age;
    }

    public List<Chunk> chunks(SubscriptionEvent source) {
        return chunks(source, false);
    }

    /**
     * @param restampOld re-stamp entries older than the vendor's age limit (a redriven invocation); fresh invocations
     *     are sent with their times as written
     */
    public List<Chunk> chunks(SubscriptionEvent source, boolean restampOld) {
        this.restampOld = restampOld;
        Map<String, String> headers = intake.metadataHeaders(source);
        Framing framing = intake.framing();
        List<Chunk> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int currentBytes = 0;
        Set<Integer> currentTruncated = new HashSet<>();
        int restamped = 0;
        for (LogEvent event : source.logEvents()) {
            String entry = encodeWithinLimit(source, event);
            boolean truncated = lastWriteTruncated;
            restamped += lastRestamped ? 1 : 0;
            // room for a re-stamp on redrive, so a redriven chunk still fits the request limit
            int size = lastEntryBytes + age.reservePerEntry();
            boolean full = current.size() == limits.maxEntriesPerRequest()
                    || currentBytes + size + framing.overheadBytes(current.size() + 1) > limits.maxBytesPerRequest();
            if (!current.isEmpty() && full) {
                chunks.add(new Chunk(current, headers, currentTruncated));
                current = new ArrayList<>();
                currentBytes = 0;
                currentTruncated = new HashSet<>();
            }
            if (truncated) {
                currentTruncated.add(current.size());
            }
            current.add(entry);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(new Chunk(current, headers, currentTruncated));
        }
        if (restamped > 0) {
            ForwarderLog.info("Re-stamped entries older than the vendor keeps; original time in "
                    + EventAge.ORIGINAL_TIME, "vendor", intake.vendor().id(), "logGroup", source.logGroup(),
                    "entries", restamped, "maxEventAge", String.valueOf(limits.maxEventAge().orElse(null)));
        }
        return chunks;
    }

    /**
     * Entry bytes may exceed message bytes (metadata, JSON escaping), so the message is cut by the overshoot until the
     * entry fits. If the correlation fields alone are too long, they are cut too: one entry never fails its batch.
     */
    String encodeWithinLimit(SubscriptionEvent source, LogEvent event) {
        int limit = Math.min(limits.maxBytesPerEvent(), limits.maxBytesPerRequest() - intake.framing().overheadBytes(1))
                - age.reservePerEntry();
        LogMessage message = LogMessage.parse(event.message());
        String entry = write(source, event, message);
        lastEntryBytes = Utf8.length(entry);
        if (lastEntryBytes <= limit) {
            return entry;
        }
        entry = cutMessage(source, event, message, entry, limit);
        if (Utf8.length(entry) > limit) {
            LogMessage fieldsCut = message.withCorrelationFieldsCut(CORRELATION_FIELD_MAX_BYTES);
            entry = cutMessage(source, event, fieldsCut, write(source, event, fieldsCut), limit);
        }
        lastEntryBytes = Utf8.length(entry);
        if (lastEntryBytes > limit) {
            // only the forwarder's own settings and CloudWatch's names are left, and those are far below every limit;
            // should it still happen, the vendor gets the entry and decides, rather than the batch failing here
            ForwarderLog.warn("Log entry exceeds the vendor's per-event limit even with its message cut; sent as is",
                    "vendor", intake.vendor().id(), "logGroup", source.logGroup(), "bytes", lastEntryBytes,
                    "limit", limit);
        }
        return entry;
    }

    /** @param entry {@code message} as written whole (not written again: an intake may have used its parsed line) */
    private String cutMessage(SubscriptionEvent source, LogEvent event, LogMessage message, String entry, int limit) {
        int budget = Utf8.length(message.text());
        for (int round = 0; Utf8.length(entry) > limit && budget > 0; round++) {
            int overshoot = Utf8.length(entry) - limit;
            budget = Math.max(0, round < 4 ? budget - overshoot - 16 : budget / 2);
            entry = write(source, event, message.truncatedTo(budget));
        }
        return entry;
    }

    private String write(SubscriptionEvent source, LogEvent event, LogMessage message) {
        lastWriteTruncated = message.truncated();
        try {
            var entry = intake.encode(source, event, message);
            lastRestamped = restampOld && age.restamp(entry);
            return JSON.writeValueAsString(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a log entry", e);
        }
    }
}
