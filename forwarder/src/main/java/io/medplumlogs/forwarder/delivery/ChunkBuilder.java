package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.EntryPart;
import io.medplumlogs.forwarder.cloudwatch.ExactJson;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.contract.IntakeLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a subscription event into chunks within the vendor's {@link IntakeLimits}: an entry above the per-event limit
 * is sent as several parts, in order, that together hold its whole text (never cut, never dropped), and chunks respect
 * the entry and byte limits.
 */
public final class ChunkBuilder {

    /** Writes a character outside the BMP (an emoji) as its 4 UTF-8 bytes, as a string's encoding does, not escaped. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    /** What a correlation field is cut to when the fields alone take most of the per-event limit (IDs are shorter). */
    static final int CORRELATION_FIELD_MAX_BYTES = 256;
    /** Room a part keeps for text even when its fields are too long: some characters, escaped, per part. */
    private static final int MIN_TEXT_BYTES_PER_PART = 1024;

    private final Intake intake;
    private final IntakeLimits limits;
    private final EventAge age;
    /**
     * Most bytes of one entry or part: the vendor's per-event limit within one request, less the re-stamp reserve; and
     * no bigger than one DLQ message always holds whole either, where there is one, parts included: a chunk that fails
     * is stored uncut, so a line between that and the vendor's limit (Datadog's 1 MB, Splunk's when raised) goes in
     * parts too, or a failure would cut it, the one way left to lose a line.
     */
    private final int partLimit;
    /** Whether the last entry written was re-stamped: one invocation at a time per environment, a field will do. */
    private boolean lastRestamped;

    /** Chunks whose entries and parts one DLQ message always holds whole: those of the Lambda path. */
    public ChunkBuilder(Intake intake) {
        this(intake, DeadLetterCodec.ENTRY_BYTES_STORED_WHOLE);
    }

    private ChunkBuilder(Intake intake, int entryMaxBytes) {
        this.intake = intake;
        this.limits = intake.limits();
        this.age = new EventAge(limits, intake.timeField());
        int vendorLimit = Math.min(limits.maxBytesPerEvent(),
                limits.maxBytesPerRequest() - intake.framing().overheadBytes(1)) - age.reservePerEntry();
        this.partLimit = Math.min(vendorLimit, entryMaxBytes);
    }

    /**
     * Chunks for a path without the forwarder's DLQ (the Firehose transformation: Firehose keeps a record it could not
     * deliver whole in its S3 backup): an entry is split only above the vendor's own per-event limit, so a long JSON
     * line still reaches the vendor as fields.
     */
    public static ChunkBuilder withoutDeadLetters(Intake intake) {
        return new ChunkBuilder(intake, Integer.MAX_VALUE);
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
        List<List<byte[]>> events = new ArrayList<>(source.logEvents().size());
        int restamped = 0;
        for (LogEvent event : source.logEvents()) {
            events.add(encodeWithinLimit(source, event));
            restamped += lastRestamped ? 1 : 0;
        }
        List<Chunk> chunks = pack(events, intake.metadataHeaders(source));
        if (restamped > 0) {
            ForwarderLog.info("Re-stamped entries dated where the vendor keeps none; original time in "
                    + EventAge.ORIGINAL_TIME, "vendor", intake.vendor().id(), "logGroup", source.logGroup(),
                    "entries", restamped, "maxEventAge", String.valueOf(limits.maxEventAge().orElse(null)),
                    "maxEventLead", String.valueOf(limits.maxEventLead().orElse(null)));
        }
        return chunks;
    }

    /**
     * Events' entries (each one entry or its parts) in chunks within the request limits, in order; a chunk boundary
     * may fall between two parts of an event: they are then in consecutive chunks.
     */
    private List<Chunk> pack(List<List<byte[]>> events, Map<String, String> headers) {
        List<Chunk> chunks = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int currentBytes = 0;
        Marks marks = new Marks();
        for (List<byte[]> parts : events) {
            for (int p = 0; p < parts.size(); p++) {
                byte[] entry = parts.get(p);
                int size = size(entry);
                if (!current.isEmpty() && !fits(current.size() + 1, currentBytes + size)) {
                    chunks.add(Chunk.ofUtf8(current, headers, marks.firstParts, marks.continued));
                    current = new ArrayList<>();
                    currentBytes = 0;
                    marks = new Marks();
                }
                marks.add(current.size(), parts.size() > 1 && p == 0, p < parts.size() - 1);
                current.add(entry);
                currentBytes += size;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(Chunk.ofUtf8(current, headers, marks.firstParts, marks.continued));
        }
        return chunks;
    }

    /**
     * A dead-lettered chunk as this deployment sends it now: each stored entry above its per-event limit in parts
     * ({@link Intake#storedLine}), the chunk in as many chunks as the request limits then need. A DLQ message keeps
     * its entries for up to 14 days, and the limit may have been lowered since they were stored: Splunk's was HEC's
     * 1 MB before it became its sourcetype's {@code TRUNCATE} (10 000 bytes by default), and
     * {@code MEDPLUM_LOGS_SPLUNK_MAX_EVENT_BYTES} can be lowered at any time; such an entry sent as stored would be cut
     * by the vendor. The same chunk, alone, when every entry is within the limit (every entry built since).
     */
    List<Chunk> withinLimitForRedrive(Chunk chunk) {
        List<List<byte[]>> events = new ArrayList<>(chunk.entries().size());
        boolean changed = false;
        for (String stored : chunk.entries()) {
            byte[] utf8 = stored.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > partLimit) {
                Optional<Intake.StoredLine> line = storedLine(stored);
                if (line.isPresent()) {
                    events.add(encodeWithinLimit(line.get().source(), line.get().event(), line.get().message()));
                    changed = true;
                    continue;
                }
            }
            events.add(List.of(utf8));
        }
        return changed ? pack(events, chunk.metadataHeaders()) : List.of(chunk);
    }

    private Optional<Intake.StoredLine> storedLine(String stored) {
        try {
            return ExactJson.MAPPER.readTree(stored) instanceof ObjectNode entry ? intake.storedLine(entry)
                    : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty(); // sent as stored: the vendor's answer decides, as for any hand-made message
        }
    }

    /**
     * A CloudWatch event's time as it may go to the vendor outside its entries (a Firehose record's): the current time
     * when it is outside the times the vendor keeps, as its entries are re-stamped.
     */
    public long timeToSend(long eventMillis) {
        return age.timeToSend(eventMillis);
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
        int offset = first.utf8Entries().size();
        Set<Integer> firstParts = joined(first.firstParts(), second.firstParts(), offset);
        Set<Integer> continued = joined(first.continued(), second.continued(), offset);
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
        balanced.add(Chunk.ofUtf8(entries.subList(0, split), first.metadataHeaders(), within(firstParts, 0, split),
                within(continued, 0, split)));
        balanced.add(Chunk.ofUtf8(entries.subList(split, entries.size()), first.metadataHeaders(),
                within(firstParts, split, entries.size()), within(continued, split, entries.size())));
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

    /** Positions of two chunks' entries as positions in the two put together. */
    private static Set<Integer> joined(Set<Integer> first, Set<Integer> second, int offset) {
        Set<Integer> all = new HashSet<>(first);
        second.forEach(i -> all.add(i + offset));
        return all;
    }

    /** The positions in {@code [from, to)}, counted from {@code from}. */
    private static Set<Integer> within(Set<Integer> positions, int from, int to) {
        Set<Integer> kept = new HashSet<>();
        positions.stream().filter(i -> i >= from && i < to).forEach(i -> kept.add(i - from));
        return kept;
    }

    /** What the metrics and the delivered count need to know of a chunk's entries, by position. */
    private static final class Marks {
        final Set<Integer> firstParts = new HashSet<>();
        final Set<Integer> continued = new HashSet<>();

        void add(int position, boolean firstPart, boolean continues) {
            if (firstPart) {
                firstParts.add(position);
            }
            if (continues) {
                continued.add(position);
            }
        }
    }

    /**
     * The event as one entry, or in parts when that entry is above the per-event limit: each part holds a share of the
     * message's text, as plain text, with the correlation fields and {@link EntryPart}, and is within the limit and
     * {@link DeadLetterCodec#ENTRY_BYTES_STORED_WHOLE}. A part's size is what the
     * entry takes without text plus its share, so the shares are sized once: the entry's fields do not depend on it.
     */
    List<byte[]> encodeWithinLimit(SubscriptionEvent source, LogEvent event) {
        return encodeWithinLimit(source, event, LogMessage.parse(event.message()));
    }

    private List<byte[]> encodeWithinLimit(SubscriptionEvent source, LogEvent event, LogMessage message) {
        byte[] entry = write(source, event, message);
        if (entry.length <= partLimit) {
            return List.of(entry);
        }
        String of = partOf(source, event);
        // the widest part numbers there can be: the fields' size without knowing the count yet
        EntryPart widest = new EntryPart(of, Integer.MAX_VALUE, Integer.MAX_VALUE);
        int fieldsBytes = write(source, event, message.part("", widest)).length;
        if (fieldsBytes > partLimit / 2) {
            // what every part repeats would leave the text little room (a huge requestId): the repeated fields are cut,
            // the text, which holds them whole, is not
            message = message.withCorrelationFieldsCut(CORRELATION_FIELD_MAX_BYTES);
            fieldsBytes = write(source, event, message.part("", widest)).length;
        }
        int room = partLimit - fieldsBytes;
        if (room < MIN_TEXT_BYTES_PER_PART) {
            // only the forwarder's own settings and CloudWatch's names are left, and those are far below every limit;
            // should it still happen, the vendor gets the parts and decides, rather than the batch failing here
            ForwarderLog.warn("Log entry's fields alone exceed the vendor's per-event limit; parts sent as they are",
                    "vendor", intake.vendor().id(), "logGroup", source.logGroup(), "bytes", fieldsBytes,
                    "limit", partLimit);
            room = MIN_TEXT_BYTES_PER_PART;
        }
        List<String> shares = TextParts.of(message.text(), room);
        List<byte[]> parts = new ArrayList<>(shares.size());
        for (int i = 0; i < shares.size(); i++) {
            parts.add(write(source, event, message.part(shares.get(i), new EntryPart(of, i + 1, shares.size()))));
        }
        // never marked as cut, even when the repeated fields were: the parts' text holds them whole, nothing of the
        // line is lost (EntriesTruncated counts content lost, only the DLQ codec's last resort)
        return parts;
    }

    /**
     * The id the parts of an event share: CloudWatch's event id, which is the same when Lambda retries the batch or a
     * chunk is redriven, so a part sent twice is known as one. An event without one (not CloudWatch's) gets a name
     * derived from what it is, the same on every retry too.
     */
    private static String partOf(SubscriptionEvent source, LogEvent event) {
        if (event.id() != null && !event.id().isBlank()) {
            return event.id();
        }
        String identity = source.logGroup() + '\n' + source.logStream() + '\n' + event.timestamp() + '\n'
                + event.message();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The entry as UTF-8 JSON, written straight to bytes (its size is their length; no string in between). A text
     * that is not valid UTF-16 (an unpaired surrogate, from an escaped lone surrogate in a message) is written as it
     * always was, through a string whose encoding replaces the lone half with {@code ?}; Jackson's byte writer would
     * escape it instead.
     */
    private byte[] write(SubscriptionEvent source, LogEvent event, LogMessage message) {
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
