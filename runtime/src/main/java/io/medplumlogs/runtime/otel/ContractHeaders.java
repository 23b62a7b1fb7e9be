package io.medplumlogs.runtime.otel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * The request headers as the log contract reads them, for OpenTelemetry's propagators: a trace header
 * ({@code traceparent}, {@code X-Trace-Id}, {@code X-Amzn-Trace-Id}) sent more than once reads as absent, and
 * several {@code tracestate} fields read as one, comma-joined in order (W3C Trace Context §3.3, RFC 7230 §3.2.2).
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
            List<String> values = values(carrier, key);
            return values.isEmpty() ? null : String.join(",", values);
        }
        if (key.equalsIgnoreCase(RequestCorrelation.TRACEPARENT) || key.equalsIgnoreCase(RequestCorrelation.X_TRACE_ID)
                || key.equalsIgnoreCase(RequestCorrelation.X_AMZN_TRACE_ID)) {
            List<String> values = values(carrier, key);
            return values.size() == 1 ? values.get(0) : null;
        }
        return delegate.get(carrier, key);
    }

    @Override
    public Iterator<String> getAll(C carrier, String key) {
        return delegate.getAll(carrier, key);
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
