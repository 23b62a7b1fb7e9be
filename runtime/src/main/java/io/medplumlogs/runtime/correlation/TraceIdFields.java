package io.medplumlogs.runtime.correlation;

import java.util.HashMap;
import java.util.Map;

import io.medplumlogs.contract.LogLineFields;

/**
 * The trace fields of a log line from the record's MDC. With OpenTelemetry, its Quarkus extension owns the MDC's
 * {@code traceId}: whenever a span becomes current (a child span, an instrumented client call) it writes the span's
 * trace-id there. When the request's contract trace ID is something else (a caller's non-hex {@code X-Trace-Id}
 * token), {@link CorrelationFilter} keeps it under {@link RequestCorrelation#CONTRACT_TRACE_ID} and puts
 * OpenTelemetry's under {@link LogLineFields#OTEL_TRACE_ID}; the line then shows the token as {@code traceId}.
 */
public final class TraceIdFields {

    private TraceIdFields() {
    }

    /**
     * @param mdc a record's MDC (values are written as their {@code toString()})
     * @return the same map when there is nothing to resolve, else a copy whose {@code traceId} is the contract's
     *         trace ID and that no longer holds the internal key
     */
    public static Map<String, ?> resolve(Map<String, ?> mdc) {
        Object contract = mdc.get(RequestCorrelation.CONTRACT_TRACE_ID);
        if (contract == null) {
            // otelTraceId is ours only beside the contract's trace ID (CorrelationFilter puts both): an app's own
            // MDC key of that name must not pass for the request's OpenTelemetry trace-id
            Object appValue = mdc.get(LogLineFields.OTEL_TRACE_ID);
            if (appValue == null) {
                return mdc;
            }
            Map<String, Object> renamed = new HashMap<>(mdc);
            renamed.remove(LogLineFields.OTEL_TRACE_ID);
            // written as mdc.otelTraceId, as other app keys named like a line field are (MdcKeys)
            String name = LogLineFields.MDC_PREFIX + LogLineFields.OTEL_TRACE_ID;
            while (renamed.containsKey(name)) {
                name = LogLineFields.MDC_PREFIX + name;
            }
            renamed.put(name, appValue);
            return renamed;
        }
        Map<String, Object> resolved = new HashMap<>(mdc);
        resolved.remove(RequestCorrelation.CONTRACT_TRACE_ID);
        resolved.put(LogLineFields.TRACE_ID, contract);
        return resolved;
    }
}
