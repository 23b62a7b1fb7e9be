package io.medplumlogs.deployment.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.vertx.core.http.HttpServerRequest;

/**
 * Calls itself with {@link AppHeadersClient}, the application setting the header {@code set} names to {@code value};
 * the callee answers with every value of each trace header it received:
 * {@code traceparent=[...] tracestate=[...] X-Trace-Id=[...]}.
 */
@Path("/")
public class AppHeadersResource {

    @GET
    @Path("/outbound-with")
    public String outbound(@QueryParam("set") String set, @QueryParam("value") String value, @Context UriInfo uri) {
        AppHeadersClient client = RestClientBuilder.newBuilder().baseUri(uri.getBaseUri()).build(AppHeadersClient.class);
        if (set.startsWith("factory") || set.startsWith("annotation")) {
            FactoryHeadersClient factory = RestClientBuilder.newBuilder().baseUri(uri.getBaseUri())
                    .build(FactoryHeadersClient.class);
            return set.startsWith("factory") ? factory.viaFactory() : factory.viaAnnotation();
        }
        return switch (set) {
            case "traceparent" -> client.withTraceparent(value);
            case "tracestate" -> client.withTracestate(value);
            default -> client.withXTraceId(value);
        };
    }

    @GET
    @Path("/echo-all")
    public String echo(@Context HttpServerRequest request) {
        return "traceparent=" + request.headers().getAll("traceparent") + " tracestate="
                + request.headers().getAll("tracestate") + " X-Trace-Id=" + request.headers().getAll("X-Trace-Id");
    }
}
