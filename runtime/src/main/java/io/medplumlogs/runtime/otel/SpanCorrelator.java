package io.medplumlogs.runtime.otel;

import java.util.function.Function;

import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceIds;
import io.medplumlogs.runtime.correlation.TraceSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.MultiMap;

/**
 * With OpenTelemetry the server span decides the trace ID (its extraction already applied the contract's header
 * order, see {@link ContractTracePropagator}); logging the span's trace-id keeps the log line and the trace the same
 * value. The exception is a caller's non-hex {@code X-Trace-Id} token, which no span can carry: it stays the trace ID
 * (contract rule 2) and the span's trace-id goes along as {@code otelTraceId}. Without a valid span (tracing disabled,
 * request not instrumented) the header rules apply as without OTel.
 */
public final class SpanCorrelator implements Function<MultiMap, RequestCorrelation> {

    @Override
    public RequestCorrelation apply(MultiMap headers) {
        SpanContext span = Span.current().getSpanContext();
        RequestCorrelation fromHeaders = CorrelationFilter.fromRequestHeaders(headers);
        if (!span.isValid() || span.getTraceId().equals(fromHeaders.traceId())) {
            return fromHeaders;
        }
        if (fromHeaders.source() == TraceSource.X_TRACE_ID && !TraceIds.isW3cTraceId(fromHeaders.traceId())) {
            // contract rule 2: the caller searches its logs by the token it sent; the span's trace goes alongside
            return fromHeaders.withOtelTraceId(span.getTraceId());
        }
        return new RequestCorrelation(fromHeaders.requestId(), span.getTraceId(), TraceSource.GENERATED);
    }
}
