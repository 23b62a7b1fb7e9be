package io.medplumlogs.bench.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/** The plain REST endpoint: one application log line per request, like a typical handler. */
@Path("/api/ping")
public class PingResource {

    private static final Logger LOG = Logger.getLogger(PingResource.class);

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        LOG.info("ping handled");
        AppLines.logged(1);
        return "pong";
    }
}
