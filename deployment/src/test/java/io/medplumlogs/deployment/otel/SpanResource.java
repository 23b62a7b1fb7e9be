package io.medplumlogs.deployment.otel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;

@Path("/span")
public class SpanResource {

    private static final Logger LOG = Logger.getLogger(SpanResource.class);

    /** The trace-id of the span serving this request, as OpenTelemetry sees it. */
    @GET
    public String traceId() {
        String traceId = Span.current().getSpanContext().getTraceId();
        LOG.info("inside span");
        return traceId;
    }
}
