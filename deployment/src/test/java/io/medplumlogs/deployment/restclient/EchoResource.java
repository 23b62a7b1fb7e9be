package io.medplumlogs.deployment.restclient;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls itself through the REST client; the callee answers with the trace headers it received. */
@Path("/")
public class EchoResource {

    @Inject
    @RestClient
    EchoClient client;

    @GET
    @Path("/outbound")
    public String outbound() {
        return client.echo();
    }

    @GET
    @Path("/echo")
    public String echo(@HeaderParam("traceparent") String traceparent, @HeaderParam("X-Trace-Id") String xTraceId) {
        return traceparent + " " + xTraceId;
    }
}
