package io.medplumlogs.forwarder.delivery;

import java.util.List;
import java.util.Map;

/**
 * One request's worth of encoded entries: the unit that is delivered, retried and dead-lettered as a whole, so that a
 * failure never makes the forwarder send an already delivered chunk again.
 *
 * @param entries encoded vendor entries, one JSON object per string
 * @param metadataHeaders request-level metadata headers (see {@link Intake#metadataHeaders})
 * @param truncatedEntries how many of the entries were cut to the vendor's per-event limit (for the metrics)
 */
public record Chunk(List<String> entries, Map<String, String> metadataHeaders, int truncatedEntries) {

    public Chunk {
        entries = List.copyOf(entries);
        metadataHeaders = Map.copyOf(metadataHeaders);
    }

    public Chunk(List<String> entries, Map<String, String> metadataHeaders) {
        this(entries, metadataHeaders, 0);
    }
}
