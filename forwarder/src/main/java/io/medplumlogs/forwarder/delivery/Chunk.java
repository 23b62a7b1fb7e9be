package io.medplumlogs.forwarder.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's worth of encoded entries: the unit that is delivered, retried and dead-lettered as a whole, so that a
 * failure never makes the forwarder send an already delivered chunk again.
 *
 * <p>A chunk built from a batch holds its entries as the UTF-8 bytes the request body is made of: the delivery path
 * never turns them into strings (they are decoded only for the DLQ, a redrive or a test). Not a record, because the
 * two forms are one value.
 */
public final class Chunk {

    private final List<byte[]> encoded;
    private final Map<String, String> metadataHeaders;
    private final Set<Integer> firstParts;
    private final Set<Integer> continued;
    /** The entries as strings, decoded on first use; immutable, so a racing second decode is harmless. */
    private volatile List<String> entries;

    /**
     * @param entries encoded vendor entries, one JSON object per string
     * @param metadataHeaders request-level metadata headers (see {@link Intake#metadataHeaders})
     */
    public Chunk(List<String> entries, Map<String, String> metadataHeaders) {
        this(utf8(entries), List.copyOf(entries), metadataHeaders, Set.of(), Set.of());
    }

    private Chunk(List<byte[]> encoded, List<String> entries, Map<String, String> metadataHeaders,
            Set<Integer> firstParts, Set<Integer> continued) {
        this.encoded = encoded;
        this.entries = entries;
        this.metadataHeaders = Map.copyOf(metadataHeaders);
        this.firstParts = Set.copyOf(firstParts);
        this.continued = Set.copyOf(continued);
    }

    /**
     * A chunk of entries already encoded as UTF-8 (each one JSON object); the lists are not copied again.
     *
     * @param firstParts positions of the first part of a log event split to the vendor's per-event limit
     * @param continued positions of parts followed by another part of the same event, here or in the next chunk
     */
    static Chunk ofUtf8(List<byte[]> encoded, Map<String, String> metadataHeaders, Set<Integer> firstParts,
            Set<Integer> continued) {
        return new Chunk(List.copyOf(encoded), null, metadataHeaders, firstParts, continued);
    }

    /** Encoded vendor entries, one JSON object per string. */
    public List<String> entries() {
        List<String> decoded = entries;
        if (decoded == null) {
            List<String> strings = new ArrayList<>(encoded.size());
            encoded.forEach(bytes -> strings.add(new String(bytes, StandardCharsets.UTF_8)));
            decoded = List.copyOf(strings);
            entries = decoded;
        }
        return decoded;
    }

    /** The entries as UTF-8, as they go into the request body (callers must not change the arrays). */
    List<byte[]> utf8Entries() {
        return encoded;
    }

    public Map<String, String> metadataHeaders() {
        return metadataHeaders;
    }

    Set<Integer> firstParts() {
        return firstParts;
    }

    Set<Integer> continued() {
        return continued;
    }

    /** How many log events this chunk starts that were split into parts (for the metrics). */
    public int splitEntries() {
        return firstParts.size();
    }

    /**
     * Whether the entry at {@code position} is a part followed by another part of the same log event: the event is
     * whole at the vendor only once its last part is.
     */
    public boolean continues(int position) {
        return continued.contains(position);
    }

    private static List<byte[]> utf8(List<String> entries) {
        List<byte[]> bytes = new ArrayList<>(entries.size());
        entries.forEach(entry -> bytes.add(entry.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(bytes);
    }
}
