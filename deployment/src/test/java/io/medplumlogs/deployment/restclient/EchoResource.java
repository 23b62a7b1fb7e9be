package io.medplumlogs.deployment.restclient;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.vertx.core.http.HttpServerRequest;

/**
 * Calls itself through the REST client; the callee answers with the trace headers it received:
 * {@code <traceparent> <X-Trace-Id> <tracestate fields, newline-separated>} ({@code null} for a missing
 * traceparent or X-Trace-Id, nothing after the second space when no tracestate came).
 */
@Path("/")
public class EchoResource {

    @GET
    @Path("/outbound")
    public String outbound(@Context UriInfo uri) {
        // built per call against the port actually bound, so tests can use a free port
        return RestClientBuilder.newBuilder().baseUri(uri.getBaseUri()).build(EchoClient.class).echo();
    }

    @GET
    @Path("/echo")
    public String echo(@HeaderParam("traceparent") String traceparent, @HeaderParam("X-Trace-Id") String xTraceId,
            @Context HttpServerRequest request) {
        // raw header fields, as Vert.x received them: no framework splitting or joining of tracestate
        List<String> tracestate = request.headers().getAll("tracestate");
        return traceparent + " " + xTraceId + " " + String.join("\n", tracestate);
    }
}
