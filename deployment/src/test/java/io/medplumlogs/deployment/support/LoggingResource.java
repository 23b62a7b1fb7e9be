package io.medplumlogs.deployment.support;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** Endpoints that log from each kind of thread a Quarkus request can run on. */
@Path("/log")
public class LoggingResource {

    private static final Logger LOG = Logger.getLogger(LoggingResource.class);

    @Inject
    ManagedExecutor executor;

    // The endpoints look alike on purpose: each logs from a different thread kind (event loop, worker, Uni, executor),
    // which is what the tests exercise; one shared helper would hide which annotation puts the line on which thread.

    @GET
    @Path("/event-loop")
    @NonBlocking
    public String eventLoop(@QueryParam("tag") String tag) {
        LOG.infof("on event loop %s", tag);
        return "ok";
    }

    @GET
    @Path("/worker")
    @Blocking
    public String worker(@QueryParam("tag") String tag) {
        LOG.infof("on worker %s", tag);
        return "ok";
    }

    @GET
    @Path("/uni-delay")
    public Uni<String> uniDelay(@QueryParam("tag") String tag) {
        LOG.infof("before delay %s", tag);
        return Uni.createFrom().item("ok")
                .onItem().delayIt().by(Duration.ofMillis(5))
                .invoke(() -> LOG.infof("after delay %s", tag))
                .emitOn(executor)
                .invoke(() -> LOG.infof("after executor switch %s", tag));
    }

    @GET
    @Path("/executor")
    @NonBlocking
    public CompletionStage<String> executor(@QueryParam("tag") String tag) {
        return executor.supplyAsync(() -> {
            LOG.infof("on managed executor %s", tag);
            return "ok";
        });
    }

    @GET
    @Path("/mdc")
    public String withMdc() {
        MDC.put("tenant", "acme");
        MDC.put("msg", "collides with the message field and must lose");
        try {
            LOG.info("with app MDC");
        } finally {
            MDC.remove("tenant");
            MDC.remove("msg");
        }
        return "ok";
    }

    @GET
    @Path("/error")
    public String error() {
        LOG.warn("handled failure", new IllegalStateException("disk \"full\"\nsecond line",
                new java.io.IOException("root cause")));
        return "ok";
    }

    @GET
    @Path("/huge")
    public String huge(@QueryParam("bytes") int bytes) {
        LOG.error("x".repeat(bytes), deepException(200));
        return "ok";
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("unhandled on purpose");
    }

    private static RuntimeException deepException(int depth) {
        if (depth == 0) {
            return new RuntimeException("deep");
        }
        return deepException(depth - 1);
    }
}
