package io.medplumlogs.forwarder.delivery;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's worth of encoded entries: the unit that is delivered, retried and dead-lettered as a whole, so that a
 * failure never makes the forwarder send an already delivered chunk again.
 *
 * @param entries encoded vendor entries, one JSON object per string
 * @param metadataHeaders request-level metadata headers (see {@link Intake#metadataHeaders})
 * @param truncated positions in {@code entries} of the entries cut to the vendor's per-event limit: the metrics count
 *     them, and an entry cut again to fit a DLQ message is not counted twice
 */
public record Chunk(List<String> entries, Map<String, String> metadataHeaders, Set<Integer> truncated) {

    public Chunk {
        entries = List.copyOf(entries);
        metadataHeaders = Map.copyOf(metadataHeaders);
        truncated = Set.copyOf(truncated);
    }

    public Chunk(List<String> entries, Map<String, String> metadataHeaders) {
        this(entries, metadataHeaders, Set.of());
    }

    /** How many entries were cut to the vendor's per-event limit (for the metrics). */
    public int truncatedEntries() {
        return truncated.size();
    }
}
