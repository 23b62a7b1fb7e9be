package io.medplumlogs.contract;

import java.util.List;

/**
 * The fields of our line that place it (severity, request, trace): the forwarder carries them onto every vendor entry,
 * also when the line arrives as plain text or in parts above a vendor's per-event limit ({@link SplitEntryFields}), so
 * every part still lands at the right severity and next to its trace.
 */
public final class CorrelationFields {

    /**
     * In the order vendor entries list them. {@code otelTraceId} is on a line only beside a caller's non-hex
     * {@code traceId} token, and is then what leads the line, and each of its parts, to its trace.
     */
    public static final List<String> ALL = List.of(LogLineFields.LEVEL, LogLineFields.REQUEST_ID,
            LogLineFields.TRACE_ID, LogLineFields.SPAN_ID, LogLineFields.OTEL_TRACE_ID);

    private CorrelationFields() {
    }
}
