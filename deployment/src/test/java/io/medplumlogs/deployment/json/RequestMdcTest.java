package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The request's MDC as the application and the lines see it, on a worker thread and on the event loop: the app's
 * {@code MDC.get} reads the filter's IDs, a line shows the app's MDC keys as they are when it is logged (not those of
 * an earlier or later moment of the request), and the {@code Request served} line, written when the response ends,
 * shows what the app removed no more.
 */
class RequestMdcTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(MdcResource.class);

    @Path("/mdc")
    public static class MdcResource {

        private static final Logger LOG = Logger.getLogger(MdcResource.class);

        @GET
        @Path("/worker")
        public String worker() {
            return logAndTell("worker");
        }

        @GET
        @Path("/event-loop")
        @NonBlocking
        public String eventLoop() {
            return logAndTell("event-loop");
        }

        private static String logAndTell(String where) {
            String seenByApp = String.valueOf(MDC.get("requestId"));
            MDC.put("tenant", "t-" + where);
            LOG.info("with tenant " + where);
            MDC.remove("tenant");
            LOG.info("without tenant " + where);
            return seenByApp;
        }
    }

    @Test
    void onAWorkerThread() throws Exception {
        theAppAndTheLinesShareTheRequestsMdc("worker");
    }

    @Test
    void onTheEventLoop() throws Exception {
        theAppAndTheLinesShareTheRequestsMdc("event-loop");
    }

    private static void theAppAndTheLinesShareTheRequestsMdc(String where) throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/mdc/" + where).andReturn();
            assertThat(response.statusCode()).isEqualTo(200);
            String requestId = response.header("X-Request-Id");
            assertThat(response.asString()).isEqualTo(requestId);

            JsonNode with = one(console, "with tenant " + where);
            assertThat(with.get("tenant").asText()).isEqualTo("t-" + where);
            assertThat(with.get("requestId").asText()).isEqualTo(requestId);
            JsonNode without = one(console, "without tenant " + where);
            assertThat(without.has("tenant")).isFalse();
            assertThat(without.get("requestId").asText()).isEqualTo(requestId);
            JsonNode served = one(console, "Request served");
            assertThat(served.get("requestId").asText()).isEqualTo(requestId);
            assertThat(served.has("tenant")).isFalse();
        }
    }

    private static JsonNode one(ConsoleLines console, String msg) {
        List<JsonNode> found = console.await(m -> m.equals(msg), 1);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
