package io.medplumlogs.deployment.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

/** Calls {@link AppHeadersResource#echo} setting one trace header itself, under a name cased its own way. */
public interface AppHeadersClient {

    @GET
    @Path("/echo-all")
    String withTraceparent(@HeaderParam("TraceParent") String traceparent);

    @GET
    @Path("/echo-all")
    String withTracestate(@HeaderParam("TRACESTATE") String tracestate);

    @GET
    @Path("/echo-all")
    String withXTraceId(@HeaderParam("x-trace-id") String xTraceId);
}
