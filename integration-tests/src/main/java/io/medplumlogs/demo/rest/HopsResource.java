package io.medplumlogs.demo.rest;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Plain REST endpoints next to the FHIR server. Each logs from more than one thread, so that a request's IDs can
 * be checked across the hops a real service makes.
 */
@Path("/demo")
public class HopsResource {

    private static final Logger LOG = Logger.getLogger(HopsResource.class);

    @Inject
    ManagedExecutor executor;

    /** Logs on a worker thread, then after a timer (Vert.x context) and again on the managed executor. */
    @GET
    @Path("/hops")
    @Blocking
    public Uni<String> hops(@QueryParam("tag") String tag) {
        LOG.infof("on worker %s", tag);
        return Uni.createFrom().item("ok")
                .onItem().delayIt().by(Duration.ofMillis(2))
                .invoke(() -> LOG.infof("after delay %s", tag))
                .emitOn(executor)
                .invoke(() -> LOG.infof("after executor switch %s", tag));
    }

    /** Fails: the 500 response and Quarkus' error line must carry the request's IDs. */
    @GET
    @Path("/boom")
    public String boom() {
        LOG.warn("about to fail on purpose");
        throw new IllegalStateException("demo failure on purpose");
    }
}
