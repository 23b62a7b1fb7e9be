package io.medplumlogs.deployment.otel;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * Logs before, inside and after a child span, as code with {@code @WithSpan} or an instrumented client call does:
 * each time a span becomes current OpenTelemetry rewrites the MDC's {@code traceId}.
 */
@Path("/nested")
public class NestedSpanResource {

    private static final Logger LOG = Logger.getLogger(NestedSpanResource.class);

    @Inject
    Tracer tracer;

    /** The trace-id of the span serving this request, as OpenTelemetry sees it. */
    @GET
    public String traceId() {
        LOG.info("nested: before child");
        Span child = tracer.spanBuilder("child").startSpan();
        try (Scope scope = child.makeCurrent()) {
            LOG.info("nested: inside child");
        } finally {
            child.end();
        }
        LOG.info("nested: after child");
        return Span.current().getSpanContext().getTraceId();
    }
}
