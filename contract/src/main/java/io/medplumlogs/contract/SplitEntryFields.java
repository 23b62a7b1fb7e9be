package io.medplumlogs.contract;

import java.util.List;

/**
 * The fields of a vendor entry that is one part of a log event above the vendor's per-event limit
 * ({@link IntakeLimits#maxBytesPerEvent()}) or above what one dead-letter message always holds whole. Such an event is
 * never cut: its text is sent as several entries, in order,
 * whose texts put together give the line back exactly. Each part carries these fields (besides the severity and
 * correlation fields of {@link CorrelationFields}), so that the parts are found together and put back in order at the
 * vendor. Datadog and Sumo Logic show them as attributes of the entry, Splunk HEC as indexed {@code fields} (strings).
 */
public final class SplitEntryFields {

    /**
     * The CloudWatch Logs event id the part comes from, the same on every part of one event. It is CloudWatch's, not
     * the forwarder's, so a batch Lambda retries or a chunk redriven from the DLQ sends its parts with the same id
     * again: a duplicate part is recognised as one.
     */
    public static final String PART_OF = "partOf";
    /** The part's position, from 1 (a number; a string in Splunk's indexed fields). */
    public static final String PART = "part";
    /** How many parts the event was sent as (a number; a string in Splunk's indexed fields). */
    public static final String PARTS = "parts";

    /** In the order entries list them. */
    public static final List<String> ALL = List.of(PART_OF, PART, PARTS);

    private SplitEntryFields() {
    }
}
