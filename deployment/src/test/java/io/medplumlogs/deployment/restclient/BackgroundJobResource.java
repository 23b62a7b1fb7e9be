package io.medplumlogs.deployment.restclient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.logmanager.MDC;

/**
 * An application's own background job (a queue consumer, a scheduled task on a thread of its own), outside any
 * request, that puts its own {@code requestId}/{@code traceId} into the MDC, as {@code index.adoc} allows
 * ("outside a request an app's requestId/traceId are written as they are"), then calls a service with the REST
 * client. Answers what the callee received (see {@link EchoResource#echo}).
 */
@Path("/job")
public class BackgroundJobResource {

    @GET
    public String run(@QueryParam("traceId") String appTraceId, @Context UriInfo uri) throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor();
        try {
            return CompletableFuture.supplyAsync(() -> {
                MDC.clear();
                MDC.put("requestId", "job-42");
                MDC.put("traceId", appTraceId);
                try {
                    return RestClientBuilder.newBuilder().baseUri(uri.getBaseUri()).build(EchoClient.class).echo();
                } finally {
                    MDC.clear();
                }
            }, own).get();
        } finally {
            own.shutdown();
        }
    }
}
