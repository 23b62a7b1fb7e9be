package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.runtime.correlation.ContextMdc;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The request's MDC is reached directly where Quarkus keeps it (the request's Vert.x context), for the filter's IDs
 * and for every line's MDC fields: what the application's {@code MDC} calls see and what the lines write must still be
 * the same map, on a worker thread and on the event loop, and a line must show the MDC as it is when it is logged.
 * Also a guard for the fast path itself: were it silently off (a Quarkus that keeps the MDC elsewhere), every line
 * would pay for a copy of the MDC again.
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
            Map<String, Object> live = ContextMdc.live();
            String seenDirectly = live == null ? "no map" : String.valueOf(live.get("tenant"));
            LOG.info("with tenant " + where);
            MDC.remove("tenant");
            LOG.info("without tenant " + where);
            return seenByApp + " " + seenDirectly;
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
            // the filter's IDs, put in one step, are what the app's MDC.get reads; the app's put is in the map read
            assertThat(response.asString()).isEqualTo(requestId + " t-" + where);

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
