package io.medplumlogs.bench.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/** An app that logs more: five application lines per request. */
@Path("/api/chatty")
public class ChattyResource {

    private static final Logger LOG = Logger.getLogger(ChattyResource.class);

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String chatty() {
        LOG.info("chatty: request accepted");
        LOG.infof("chatty: loaded %d items", 3);
        LOG.info("chatty: rules evaluated");
        LOG.infof("chatty: cache %s", "hit");
        LOG.info("chatty: response ready");
        AppLines.logged(5);
        return "pong";
    }
}
