package io.medplumlogs.deployment.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Calls itself through the REST client; the callee answers with the trace headers it received. */
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
    public String echo(@HeaderParam("traceparent") String traceparent, @HeaderParam("X-Trace-Id") String xTraceId) {
        return traceparent + " " + xTraceId;
    }
}
