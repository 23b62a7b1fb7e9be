package io.medplumlogs.runtime.correlation;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The IDs of one HTTP request. Only validated values get in here, so everything that writes them (log lines,
 * response headers, outbound calls) can do so without checking again.
 *
 * @param requestId server-generated UUID, one per request
 * @param traceId the trace ID per the log contract's rules
 * @param source which header gave the trace ID
 * @param sampled the sampled flag outbound calls send: the caller's when its {@code traceparent} was accepted,
 *        otherwise set (what we always sent before W3C flags were kept)
 * @param traceState the caller's {@code tracestate} to send on (see {@link TraceState}), or {@code null}
 * @param otelTraceId with OpenTelemetry, the server span's trace-id when it differs from {@code traceId} (a caller's
 *        non-hex {@code X-Trace-Id} token is kept as {@code traceId}), else {@code null}
 */
public record RequestCorrelation(String requestId, String traceId, TraceSource source, boolean sampled,
        String traceState, String otelTraceId) {

    // The MDC keys of the IDs are the line's field names: LogLineFields.REQUEST_ID, TRACE_ID (also the key
    // OpenTelemetry's Quarkus extension uses), SPAN_ID (written by OpenTelemetry) and OTEL_TRACE_ID.

    /**
     * MDC key of the request's {@link RequestCorrelation} itself (an object, never written): the public keys above
     * may be overwritten or removed by the app, and {@code traceId} by OpenTelemetry whenever a span becomes
     * current; the line takes the request's IDs from here (see {@link LineIds}).
     */
    public static final String MDC_KEY = "medplumLogs.request";

    /** Response and outbound header names. */
    public static final String X_REQUEST_ID = "X-Request-Id";
    public static final String X_TRACE_ID = "X-Trace-Id";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String X_AMZN_TRACE_ID = "X-Amzn-Trace-Id";

    /**
     * The request ID: what a format that prints the whole MDC (logging-json's file handlers, a pattern's {@code %X})
     * shows under {@link #MDC_KEY}, rather than every field, the caller's {@code tracestate} among them.
     */
    @Override
    public String toString() {
        return requestId;
    }

    /** IDs of a request whose trace the extension continues without caller flags or state. */
    public RequestCorrelation(String requestId, String traceId, TraceSource source) {
        this(requestId, traceId, source, true, null, null);
    }

    /** The same IDs, linked to OpenTelemetry's trace-id (which differs from {@link #traceId()}). */
    public RequestCorrelation withOtelTraceId(String spanTraceId) {
        return new RequestCorrelation(requestId, traceId, source, sampled, traceState, spanTraceId);
    }

    /**
     * Applies the contract's order: {@code traceparent}, {@code X-Trace-Id}, {@code X-Amzn-Trace-Id}, generated. A
     * header sent more than once is ambiguous and treated as invalid, except {@code tracestate}, whose fields combine.
     *
     * @param headers all values of a header by (case-insensitive) name
     */
    public static RequestCorrelation fromHeaders(Function<String, List<String>> headers) {
        String traceparent = single(headers.apply(TRACEPARENT));
        String id = TraceIds.fromTraceparent(traceparent);
        if (id != null) {
            // W3C: tracestate only travels with the traceparent it belongs to
            return new RequestCorrelation(newRequestId(), id, TraceSource.TRACEPARENT,
                    TraceIds.sampledOfTraceparent(traceparent), TraceState.forward(headers.apply(TRACESTATE)), null);
        }
        id = TraceIds.fromXTraceId(single(headers.apply(X_TRACE_ID)));
        if (id != null) {
            return new RequestCorrelation(newRequestId(), id, TraceSource.X_TRACE_ID);
        }
        id = TraceIds.fromXAmznTraceId(single(headers.apply(X_AMZN_TRACE_ID)));
        if (id != null) {
            return new RequestCorrelation(newRequestId(), id, TraceSource.X_AMZN_TRACE_ID);
        }
        return new RequestCorrelation(newRequestId(), TraceIds.generate(), TraceSource.GENERATED);
    }

    /**
     * A random version-4 UUID. {@link java.util.UUID#randomUUID()} draws from SecureRandom, which serialises
     * threads under load; request IDs need uniqueness, not secrecy.
     */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb).toString();
    }

    private static String single(List<String> values) {
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
