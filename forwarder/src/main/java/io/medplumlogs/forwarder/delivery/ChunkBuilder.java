package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.Utf8;
import io.medplumlogs.contract.IntakeLimits;
import java.nio.charset.StandardCharsets;
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

    /** Writes a character outside the BMP (an emoji) as its 4 UTF-8 bytes, as a string's encoding does, not escaped. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    /** What a correlation field is cut to when the fields alone exceed the per-event limit (IDs are far shorter). */
    static final int CORRELATION_FIELD_MAX_BYTES = 256;

    private final Intake intake;
    private final IntakeLimits limits;
    /**
     * Whether the last entry written was a cut message: the entry {@link #encodeWithinLimit} returns is the last one it
     * wrote. One invocation at a time per execution environment, so a field is enough.
     */
    private boolean lastWriteTruncated;
    private final EventAge age;
    private boolean lastRestamped;

    public ChunkBuilder(Intake intake) {
        this.intake = intake;
        this.limits = intake.vendor().limits();
        this.age = new EventAge(limits, intake.timeField());
    }

    /** The vendor's age limit, also for entries redriven from the DLQ. */
    EventAge age() {
        return age;
    }

    /**
     * The event's entries in chunks. An entry older than the vendor's age limit is re-stamped ({@link EventAge}), in a
     * fresh invocation as on redrive: CloudWatch Logs takes events up to 14 days old (an agent catching up after an
     * outage, a backfill) and a line may carry an older time of its own, which Datadog would drop while answering 202.
     */
    public List<Chunk> chunks(SubscriptionEvent source) {
        Map<String, String> headers = intake.metadataHeaders(source);
        List<Chunk> chunks = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int currentBytes = 0;
        Set<Integer> currentTruncated = new HashSet<>();
        int restamped = 0;
        for (LogEvent event : source.logEvents()) {
            byte[] entry = encodeWithinLimit(source, event);
            boolean truncated = lastWriteTruncated;
            restamped += lastRestamped ? 1 : 0;
            int size = size(entry);
            if (!current.isEmpty() && !fits(current.size() + 1, currentBytes + size)) {
                chunks.add(Chunk.ofUtf8(current, headers, currentTruncated));
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
            chunks.add(Chunk.ofUtf8(current, headers, currentTruncated));
        }
        if (restamped > 0) {
            ForwarderLog.info("Re-stamped entries older than the vendor keeps; original time in "
                    + EventAge.ORIGINAL_TIME, "vendor", intake.vendor().id(), "logGroup", source.logGroup(),
                    "entries", restamped, "maxEventAge", String.valueOf(limits.maxEventAge().orElse(null)));
        }
        return chunks;
    }

    /**
     * {@code chunks} with the entries of its last two chunks shared out by size, when their count is even: chunks go
     * out two at a time, and a pair of a full chunk and a small rest finishes when the full one does, while two halves
     * finish together sooner. Entries keep their order; both chunks stay within the limits, or nothing changes.
     */
    List<Chunk> balanceLastPair(List<Chunk> chunks) {
        int n = chunks.size();
        if (n < 2 || n % 2 != 0) {
            return chunks;
        }
        Chunk first = chunks.get(n - 2);
        Chunk second = chunks.get(n - 1);
        List<byte[]> entries = new ArrayList<>(first.utf8Entries());
        entries.addAll(second.utf8Entries());
        Set<Integer> truncated = new HashSet<>(first.truncated());
        second.truncated().forEach(i -> truncated.add(i + first.utf8Entries().size()));
        long[] prefix = new long[entries.size() + 1];
        for (int i = 0; i < entries.size(); i++) {
            prefix[i + 1] = prefix[i] + size(entries.get(i));
        }
        int split = first.utf8Entries().size();
        for (int i = 1; i < entries.size(); i++) {
            if (Math.abs(prefix[entries.size()] - 2 * prefix[i]) < Math.abs(prefix[entries.size()] - 2 * prefix[split])
                    && fits(i, prefix[i]) && fits(entries.size() - i, prefix[entries.size()] - prefix[i])) {
                split = i;
            }
        }
        if (split == first.utf8Entries().size()) {
            return chunks;
        }
        List<Chunk> balanced = new ArrayList<>(chunks.subList(0, n - 2));
        balanced.add(part(entries, truncated, 0, split, first.metadataHeaders()));
        balanced.add(part(entries, truncated, split, entries.size(), first.metadataHeaders()));
        return balanced;
    }

    /** An entry's share of a request's byte limit: room for a re-stamp on redrive, so a redriven chunk still fits. */
    private int size(byte[] entry) {
        return entry.length + age.reservePerEntry();
    }

    /** Whether {@code entries} entries of {@code bytes} (their {@link #size}s) fit one request of the vendor. */
    private boolean fits(int entries, long bytes) {
        return entries <= limits.maxEntriesPerRequest()
                && bytes + intake.framing().overheadBytes(entries) <= limits.maxBytesPerRequest();
    }

    private static Chunk part(List<byte[]> entries, Set<Integer> truncated, int from, int to,
            Map<String, String> headers) {
        Set<Integer> cut = new HashSet<>();
        truncated.stream().filter(i -> i >= from && i < to).forEach(i -> cut.add(i - from));
        return Chunk.ofUtf8(entries.subList(from, to), headers, cut);
    }

    /**
     * Entry bytes may exceed message bytes (metadata, JSON escaping), so the message is cut by the overshoot until the
     * entry fits. If the correlation fields alone are too long, they are cut too: one entry never fails its batch.
     */
    byte[] encodeWithinLimit(SubscriptionEvent source, LogEvent event) {
        int limit = Math.min(limits.maxBytesPerEvent(), limits.maxBytesPerRequest() - intake.framing().overheadBytes(1))
                - age.reservePerEntry();
        LogMessage message = LogMessage.parse(event.message());
        byte[] entry = write(source, event, message);
        if (entry.length <= limit) {
            return entry;
        }
        entry = cutMessage(source, event, message, entry, limit);
        if (entry.length > limit) {
            LogMessage fieldsCut = message.withCorrelationFieldsCut(CORRELATION_FIELD_MAX_BYTES);
            entry = cutMessage(source, event, fieldsCut, write(source, event, fieldsCut), limit);
        }
        if (entry.length > limit) {
            // only the forwarder's own settings and CloudWatch's names are left, and those are far below every limit;
            // should it still happen, the vendor gets the entry and decides, rather than the batch failing here
            ForwarderLog.warn("Log entry exceeds the vendor's per-event limit even with its message cut; sent as is",
                    "vendor", intake.vendor().id(), "logGroup", source.logGroup(), "bytes", entry.length,
                    "limit", limit);
        }
        return entry;
    }

    /** @param entry {@code message} as written whole (not written again: an intake may have used its parsed line) */
    private byte[] cutMessage(SubscriptionEvent source, LogEvent event, LogMessage message, byte[] entry, int limit) {
        int budget = Utf8.length(message.text());
        for (int round = 0; entry.length > limit && budget > 0; round++) {
            int overshoot = entry.length - limit;
            budget = Math.max(0, round < 4 ? budget - overshoot - 16 : budget / 2);
            entry = write(source, event, message.truncatedTo(budget));
        }
        return entry;
    }

    /**
     * The entry as UTF-8 JSON, written straight to bytes (its size is their length; no string in between). A text
     * that is not valid UTF-16 (an unpaired surrogate, from an escaped lone surrogate in a message) is written as it
     * always was, through a string whose encoding replaces the lone half with {@code ?}; Jackson's byte writer would
     * escape it instead.
     */
    private byte[] write(SubscriptionEvent source, LogEvent event, LogMessage message) {
        lastWriteTruncated = message.truncated();
        var entry = intake.encode(source, event, message);
        lastRestamped = age.restamp(entry, event.timestamp());
        try {
            byte[] utf8 = JSON.writeValueAsBytes(entry);
            return mayHoldSurrogateHalf(utf8) ? JSON.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8) : utf8;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a log entry", e);
        }
    }

    /**
     * Whether the bytes hold {@code \\uD800}–{@code \\uDFFF}, Jackson's escape of a surrogate half (the text
     * "\\uD8…" itself, escaped, matches too: it only takes the slower path to the same bytes).
     */
    private static boolean mayHoldSurrogateHalf(byte[] utf8) {
        for (int i = 0; i < utf8.length - 3; i++) {
            if (utf8[i] == '\\' && utf8[i + 1] == 'u' && (utf8[i + 2] | 0x20) == 'd' && isHighHex(utf8[i + 3])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHighHex(byte b) {
        return b == '8' || b == '9' || (b | 0x20) >= 'a' && (b | 0x20) <= 'f';
    }
}
