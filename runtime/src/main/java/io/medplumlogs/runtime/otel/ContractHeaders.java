package io.medplumlogs.runtime.otel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceIds;
import io.medplumlogs.runtime.correlation.TraceState;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * The request headers as the log contract reads them, for OpenTelemetry's propagators: a trace header
 * ({@code traceparent}, {@code X-Trace-Id}, {@code X-Amzn-Trace-Id}) sent more than once, or one the contract's rules
 * reject, reads as absent, and several {@code tracestate} fields read as one, as the contract forwards them (W3C Trace
 * Context §3.3, RFC 7230 §3.2.2).
 * OpenTelemetry's getters return only the first value of a header; the server span would continue it while the
 * contract rejects it, and the log and the trace would tell different stories.
 */
final class ContractHeaders<C> implements TextMapGetter<C> {

    private final TextMapGetter<C> delegate;

    ContractHeaders(TextMapGetter<C> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Iterable<String> keys(C carrier) {
        return delegate.keys(carrier);
    }

    @Override
    public String get(C carrier, String key) {
        if (carrier == null || key == null) {
            return delegate.get(carrier, key);
        }
        if (key.equalsIgnoreCase(RequestCorrelation.TRACESTATE)) {
            // as the contract forwards it: empty fields and members dropped (one would make OpenTelemetry's parser
            // discard every other member), an invalid list as a whole
            return TraceState.forward(values(carrier, key));
        }
        if (key.equalsIgnoreCase(RequestCorrelation.TRACEPARENT)) {
            // a value the contract rejects (over its length cap, say) is not there for the span either
            String value = single(carrier, key);
            return TraceIds.fromTraceparent(value) != null ? value : null;
        }
        if (key.equalsIgnoreCase(RequestCorrelation.X_AMZN_TRACE_ID)) {
            String value = single(carrier, key);
            return TraceIds.fromXAmznTraceId(value) != null ? value : null;
        }
        if (key.equalsIgnoreCase(RequestCorrelation.X_TRACE_ID)) {
            return single(carrier, key);
        }
        return delegate.get(carrier, key);
    }

    @Override
    public Iterator<String> getAll(C carrier, String key) {
        return delegate.getAll(carrier, key);
    }

    private String single(C carrier, String key) {
        List<String> values = values(carrier, key);
        return values.size() == 1 ? values.get(0) : null;
    }

    /**
     * Every value of a header. Quarkus' getter for the Vert.x HTTP server does not implement {@code getAll} (its
     * default returns the first value only), so the Vert.x request is asked directly.
     */
    private List<String> values(C carrier, String key) {
        if (carrier instanceof HttpRequest request) {
            return request.headers().getAll(key);
        }
        List<String> values = new ArrayList<>(1);
        Iterator<String> all = delegate.getAll(carrier, key);
        while (all != null && all.hasNext()) {
            String value = all.next();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
