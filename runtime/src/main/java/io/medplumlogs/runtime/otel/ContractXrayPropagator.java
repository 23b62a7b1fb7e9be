package io.medplumlogs.runtime.otel;

import java.util.Collection;

import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * OpenTelemetry's X-Ray propagator when the application lists it itself ({@code quarkus.otel.propagators=tracecontext,
 * xray}, to send {@code X-Amzn-Trace-Id} on). Left as it is, it reads {@code X-Amzn-Trace-Id} raw (a header sent twice
 * by its first value, a {@code Rootx=} field as a root) and, listed after {@code tracecontext}, replaces the trace the
 * contract took from {@code traceparent} or {@code X-Trace-Id}: the span, and so the logged trace ID, would break the
 * contract's rules. Its injection stays as it is; its extraction only ever continues the contract's root, only where
 * the contract takes the trace from {@code X-Amzn-Trace-Id}, and never replaces a trace an earlier propagator found
 * ({@link ContractTracePropagator}, which reads the same header in the contract's order, among them).
 */
final class ContractXrayPropagator implements TextMapPropagator {

    private final TextMapPropagator xray;

    ContractXrayPropagator(TextMapPropagator xray) {
        this.xray = xray;
    }

    @Override
    public Collection<String> fields() {
        return xray.fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        xray.inject(context, carrier, setter);
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> rawGetter) {
        SpanContext before = Span.fromContext(context).getSpanContext();
        if (carrier == null || before.isValid() && before.isRemote()) {
            return context;
        }
        TextMapGetter<C> getter = new ContractHeaders<>(rawGetter);
        if (getter.get(carrier, RequestCorrelation.TRACEPARENT) != null
                || TraceIds.fromXTraceId(getter.get(carrier, RequestCorrelation.X_TRACE_ID)) != null) {
            return context; // the contract takes the trace from a header before X-Amzn-Trace-Id (a token too)
        }
        String root = TraceIds.fromXAmznTraceId(getter.get(carrier, RequestCorrelation.X_AMZN_TRACE_ID));
        if (root == null) {
            return context;
        }
        Context extracted = xray.extract(context, carrier, getter);
        SpanContext span = Span.fromContext(extracted).getSpanContext();
        return span.isValid() && span.isRemote() && root.equals(span.getTraceId()) ? extracted : context;
    }

    @Override
    public String toString() {
        return "medplum-logs(" + xray + ")";
    }
}
