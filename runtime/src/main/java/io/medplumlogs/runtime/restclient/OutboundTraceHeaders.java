package io.medplumlogs.runtime.restclient;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceIds;

/**
 * Carries the current request's trace to services called with the Quarkus REST client: {@code traceparent} (a new
 * span-id under the same trace, when the trace ID is W3C-shaped; the caller's sampled flag when its
 * {@code traceparent} was accepted), the caller's {@code tracestate} with it, and {@code X-Trace-Id}. Adds nothing
 * while OpenTelemetry traces the request: its own client instrumentation injects {@code traceparent}, and a second
 * one would contradict it; with OpenTelemetry absent or switched off at run time, this is what carries the trace.
 * Headers the caller set explicitly are left alone.
 */
@Provider
public class OutboundTraceHeaders implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        RequestCorrelation ids = CorrelationFilter.current();
        if (ids == null || OpenTelemetrySpans.tracingNow()) {
            return;
        }
        MultivaluedMap<String, Object> headers = request.getHeaders();
        if (!headers.containsKey(RequestCorrelation.TRACEPARENT) && TraceIds.isW3cTraceId(ids.traceId())) {
            // W3C §3.4: our own parent-id; the sampled flag is the caller's, other flag bits zero (§3.2.2.5)
            headers.putSingle(RequestCorrelation.TRACEPARENT,
                    "00-" + ids.traceId() + "-" + TraceIds.generateSpanId() + (ids.sampled() ? "-01" : "-00"));
            if (ids.traceState() != null && !headers.containsKey(RequestCorrelation.TRACESTATE)) {
                headers.putSingle(RequestCorrelation.TRACESTATE, ids.traceState());
            }
        }
        if (!headers.containsKey(RequestCorrelation.X_TRACE_ID)) {
            headers.putSingle(RequestCorrelation.X_TRACE_ID, ids.traceId());
        }
    }
}
