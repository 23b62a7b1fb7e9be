package io.medplumlogs.runtime.correlation;

import java.util.HashMap;
import java.util.Map;

import io.medplumlogs.contract.LogLineFields;

/**
 * The IDs a log line writes, from the record's MDC. Inside a request, {@link CorrelationFilter} keeps the
 * request's {@link RequestCorrelation} under {@link RequestCorrelation#MDC_KEY}, out of reach of the public keys'
 * users: an app whose own correlation filter puts its value under {@code requestId} or {@code traceId}, or removes
 * them in a {@code finally} block, must not take the request's IDs off its lines (they would no longer match the
 * response headers and the audit line). With OpenTelemetry, its Quarkus extension owns the MDC's {@code traceId} and
 * writes the current span's trace-id there; when the request's trace ID is a caller's non-hex {@code X-Trace-Id}
 * token, OpenTelemetry's is written as {@code otelTraceId} and the token as {@code traceId}.
 */
public final class LineIds {

    private LineIds() {
    }

    /**
     * @param mdc a record's MDC (values are written as their {@code toString()})
     * @return the same map when its IDs are the request's (the formatter skips {@link RequestCorrelation#MDC_KEY}),
     *         else a copy with the request's IDs under their names, other values under those names as
     *         {@code mdc.<name>}, and without the internal key
     */
    public static Map<String, ?> resolve(Map<String, ?> mdc) {
        Object held = mdc.get(RequestCorrelation.MDC_KEY);
        if (held instanceof RequestCorrelation ids) {
            return ofRequest(mdc, ids);
        }
        // otelTraceId is ours only beside the request's IDs: an app's own MDC key of that name must not pass for
        // the request's OpenTelemetry trace-id
        Object appOtel = mdc.get(LogLineFields.OTEL_TRACE_ID);
        if (appOtel == null && held == null) {
            return mdc;
        }
        Map<String, Object> resolved = new HashMap<>(mdc);
        resolved.remove(RequestCorrelation.MDC_KEY);
        if (appOtel != null) {
            resolved.remove(LogLineFields.OTEL_TRACE_ID);
            keepAsApps(resolved, LogLineFields.OTEL_TRACE_ID, appOtel);
        }
        return resolved;
    }

    private static Map<String, ?> ofRequest(Map<String, ?> mdc, RequestCorrelation ids) {
        Object requestId = mdc.get(LogLineFields.REQUEST_ID);
        Object traceId = mdc.get(LogLineFields.TRACE_ID);
        Object otel = mdc.get(LogLineFields.OTEL_TRACE_ID);
        String ownOtel = ids.otelTraceId();
        if (ids.requestId().equals(requestId) && ids.traceId().equals(traceId)
                && (ownOtel == null ? otel == null : ownOtel.equals(otel))) {
            return mdc; // the hot path: nobody touched the request's IDs
        }
        Map<String, Object> resolved = new HashMap<>(mdc);
        resolved.remove(RequestCorrelation.MDC_KEY);
        if (requestId != null && !ids.requestId().equals(requestId)) {
            keepAsApps(resolved, LogLineFields.REQUEST_ID, requestId);
        }
        resolved.put(LogLineFields.REQUEST_ID, ids.requestId());
        // OpenTelemetry's trace-id in the MDC is the request's too (its token case: otelTraceId); any other is an
        // app's, or a span the app started as a new root
        if (traceId != null && !ids.traceId().equals(traceId) && !traceId.equals(ownOtel)) {
            keepAsApps(resolved, LogLineFields.TRACE_ID, traceId);
        }
        resolved.put(LogLineFields.TRACE_ID, ids.traceId());
        if (otel != null && !otel.equals(ownOtel)) {
            keepAsApps(resolved, LogLineFields.OTEL_TRACE_ID, otel);
        }
        if (ownOtel != null) {
            resolved.put(LogLineFields.OTEL_TRACE_ID, ownOtel);
        } else {
            resolved.remove(LogLineFields.OTEL_TRACE_ID);
        }
        return resolved;
    }

    /** Under {@code mdc.<name>}, as other app keys named like a line field are (MdcKeys); never over another key. */
    private static void keepAsApps(Map<String, Object> mdc, String key, Object value) {
        String name = LogLineFields.MDC_PREFIX + key;
        while (mdc.containsKey(name)) {
            name = LogLineFields.MDC_PREFIX + name;
        }
        mdc.put(name, value);
    }
}
