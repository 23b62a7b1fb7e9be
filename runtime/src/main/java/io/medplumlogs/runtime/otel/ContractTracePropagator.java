package io.medplumlogs.runtime.otel;

import java.util.Collection;

import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;

/**
 * OpenTelemetry's W3C propagator extended with the log contract's fallbacks, so that the server span and the log
 * line agree on the trace ID whichever header carried it: {@code traceparent} first, then {@code X-Trace-Id} (when it
 * is or normalises to 32 hex; a valid non-hex token leaves the span a new trace), then {@code X-Amzn-Trace-Id} through
 * the maintained AWS X-Ray propagator (or, for the Root-only form ALB sends, which that propagator rejects for lack of
 * a Parent, the contract's Root rule). Injection stays W3C only: outbound calls carry {@code traceparent}, not a copy
 * of every incoming format.
 * <p>
 * All of them read the headers through {@link ContractHeaders}, so that a trace header sent twice is invalid here as
 * it is in the contract (OpenTelemetry's getters return the first value only) and the trace restarts.
 */
final class ContractTracePropagator implements TextMapPropagator {

    private final TextMapPropagator w3c;

    ContractTracePropagator(TextMapPropagator w3c) {
        this.w3c = w3c;
    }

    @Override
    public Collection<String> fields() {
        return w3c.fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        w3c.inject(context, carrier, setter);
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> rawGetter) {
        TextMapGetter<C> getter = new ContractHeaders<>(rawGetter);
        Span before = Span.fromContext(context);
        Context extracted = w3c.extract(context, carrier, getter);
        if (extractedRemoteSpan(before, extracted)) {
            return extracted;
        }
        if (carrier == null || before.getSpanContext().isValid() && before.getSpanContext().isRemote()) {
            // a propagator configured before this one (b3, say) already found the caller's trace: its choice stands
            return context;
        }
        String xTraceId = TraceIds.fromXTraceId(getter.get(carrier, RequestCorrelation.X_TRACE_ID));
        if (xTraceId != null) {
            // a verbatim token wins too (rule 2) though no span can carry it: the span starts a new trace rather than
            // continue X-Amzn-Trace-Id, a source the contract passed over
            return TraceIds.isW3cTraceId(xTraceId) ? withRemoteTrace(context, xTraceId) : context;
        }
        String amznRoot = TraceIds.fromXAmznTraceId(getter.get(carrier, RequestCorrelation.X_AMZN_TRACE_ID));
        if (amznRoot == null) {
            return context;
        }
        extracted = AwsXrayPropagator.getInstance().extract(context, carrier, getter);
        // the X-Ray propagator reads the fields more loosely than the contract (a "Rootx=" field, say): its span is
        // kept only when it continues the contract's root
        if (extractedRemoteSpan(before, extracted)
                && amznRoot.equals(Span.fromContext(extracted).getSpanContext().getTraceId())) {
            return extracted;
        }
        // ALB sends Root (and Self) without Parent, which the X-Ray propagator requires: keep the root's trace-id.
        return withRemoteTrace(context, amznRoot);
    }

    /** The caller names the trace but not a parent span: an invented remote parent keeps the trace-id. */
    private static Context withRemoteTrace(Context context, String traceId) {
        SpanContext parent = SpanContext.createFromRemoteParent(traceId, TraceIds.generateSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault());
        return context.with(Span.wrap(parent));
    }

    private static boolean extractedRemoteSpan(Span before, Context after) {
        Span span = Span.fromContext(after);
        return span != before && span.getSpanContext().isValid() && span.getSpanContext().isRemote();
    }

    @Override
    public String toString() {
        return "medplum-logs(" + w3c + " + X-Trace-Id + AwsXrayPropagator)";
    }
}
