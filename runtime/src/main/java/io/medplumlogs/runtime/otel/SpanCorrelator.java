package io.medplumlogs.runtime.otel;

import java.util.function.Function;

import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.MultiMap;

/**
 * With OpenTelemetry the server span decides the trace ID (its extraction already applied the contract's header
 * order, see {@link ContractTracePropagator}); logging the span's trace-id keeps the log line and the trace the same
 * value. Without a valid span (tracing disabled, request not instrumented) the header rules apply as without OTel.
 */
public final class SpanCorrelator implements Function<MultiMap, RequestCorrelation> {

    @Override
    public RequestCorrelation apply(MultiMap headers) {
        SpanContext span = Span.current().getSpanContext();
        RequestCorrelation fromHeaders = CorrelationFilter.fromRequestHeaders(headers);
        if (!span.isValid() || span.getTraceId().equals(fromHeaders.traceId())) {
            return fromHeaders;
        }
        return new RequestCorrelation(fromHeaders.requestId(), span.getTraceId(),
                io.medplumlogs.runtime.correlation.TraceSource.GENERATED);
    }
}
