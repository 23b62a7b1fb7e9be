package io.medplumlogs.runtime.correlation;

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jboss.logmanager.MDC;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.runtime.http.HeaderNames;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * First handler of every HTTP request: decides the request's IDs, puts them into the MDC (which Quarkus keeps on
 * the request's duplicated Vert.x context, so every thread that serves the request sees them and no other request
 * does) and arranges the response headers.
 */
public class CorrelationFilter implements Handler<RoutingContext> {

    /**
     * Key of the {@link RequestCorrelation} in the routing context (a reroute finds it there and keeps it) and in
     * the Vert.x context's locals.
     */
    public static final String CONTEXT_KEY = RequestCorrelation.class.getName();

    /**
     * Key of the request's {@link RoutingContext} in the Vert.x context's locals, for what is told of the request
     * without it (Quarkus' form-login event carries neither the request nor a routing context).
     */
    private static final String ROUTING_CONTEXT_KEY = RoutingContext.class.getName();

    private final Function<MultiMap, RequestCorrelation> correlator;
    private final boolean responseHeaders;
    private final BiConsumer<RoutingContext, RequestCorrelation> observer;

    /**
     * @param correlator decides the IDs from the request headers (with OpenTelemetry: from the server span)
     * @param responseHeaders whether to send {@code X-Request-Id} and {@code X-Trace-Id}
     * @param observer told of each request once its IDs are in place (the audit line), or {@code null}
     */
    public CorrelationFilter(Function<MultiMap, RequestCorrelation> correlator, boolean responseHeaders,
            BiConsumer<RoutingContext, RequestCorrelation> observer) {
        this.correlator = correlator;
        this.responseHeaders = responseHeaders;
        this.observer = observer;
    }

    @Override
    public void handle(RoutingContext rc) {
        // rc.reroute() runs the handlers again for the same request, and drops its end handlers: it keeps its IDs,
        // and gets its response headers and its one audit line (for what the client sent) arranged again
        RequestCorrelation known = rc.get(CONTEXT_KEY);
        RequestCorrelation ids = known != null ? known : correlator.apply(rc.request().headers());
        if (known == null) {
            rc.put(CONTEXT_KEY, ids);
            Context context = Vertx.currentContext();
            if (context != null) {
                context.putLocal(CONTEXT_KEY, ids);
                context.putLocal(ROUTING_CONTEXT_KEY, rc);
            }
        }
        putIntoMdc(ids);
        if (responseHeaders) {
            // Set at header-write time: error handlers (401, 404, 500) may rebuild the response after us.
            rc.addHeadersEndHandler(v -> {
                MultiMap headers = rc.response().headers();
                headers.set(HeaderNames.X_REQUEST_ID, HeaderNames.value(ids.requestId()));
                headers.set(HeaderNames.X_TRACE_ID, HeaderNames.value(ids.traceId()));
            });
        }
        if (observer != null) {
            observer.accept(rc, ids);
        }
        rc.next();
    }

    private static void putIntoMdc(RequestCorrelation ids) {
        // the public keys, for the app's own use (%X{requestId} in a pattern, MDC.get)
        MDC.put(LogLineFields.REQUEST_ID, ids.requestId());
        MDC.put(LogLineFields.TRACE_ID, ids.traceId());
        if (ids.otelTraceId() != null) {
            MDC.put(LogLineFields.OTEL_TRACE_ID, ids.otelTraceId());
        }
        // what the line writes: an app's MDC.put("requestId", ...) or MDC.remove cannot reach it (LineIds)
        MDC.putObject(RequestCorrelation.MDC_KEY, ids);
    }

    /** The IDs of the request being served on this thread's Vert.x context, or {@code null} outside a request. */
    public static RequestCorrelation current() {
        Context context = Vertx.currentContext();
        if (context != null) {
            RequestCorrelation ids = context.getLocal(CONTEXT_KEY);
            if (ids != null) {
                return ids;
            }
        }
        // only the request's own IDs: an app's MDC requestId/traceId outside a request (a job's, taken from a queue
        // message) passed no trace rule and belong to no request, so nothing of them is sent on
        return MDC.getObject(RequestCorrelation.MDC_KEY) instanceof RequestCorrelation ids ? ids : null;
    }

    /** The routing context of the request being served on this thread's Vert.x context, or {@code null}. */
    public static RoutingContext currentRoutingContext() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(ROUTING_CONTEXT_KEY);
    }

    /** The correlator without OpenTelemetry: the contract's header rules. */
    public static RequestCorrelation fromRequestHeaders(MultiMap headers) {
        // most requests carry none of the trace headers: skip building a value list for those
        return RequestCorrelation.fromHeaders(name -> {
            CharSequence fast = HeaderNames.of(name);
            return headers.contains(fast) ? headers.getAll(fast) : null;
        });
    }
}
