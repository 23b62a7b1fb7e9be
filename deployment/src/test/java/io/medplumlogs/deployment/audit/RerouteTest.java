package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Router;

/**
 * {@code rc.reroute()} (SPA fallbacks, reactive routes) makes the router run its handlers again for the same request:
 * it is still one request, with one request ID on all of its lines and in its response, and one {@code Request
 * served} line for the path the client sent.
 */
class RerouteTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(Rerouter.class);

    @ApplicationScoped
    public static class Rerouter {
        private static final Logger LOG = Logger.getLogger(Rerouter.class);

        void init(@Observes Router router) {
            router.get("/hop").handler(rc -> {
                LOG.info("before reroute");
                rc.reroute("/log/worker?tag=after");
            });
        }
    }

    @Test
    void aRerouteIsOneRequestWithOneIdAndOneAuditLineForThePathSent() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/hop?name=Simpson").andReturn();
            assertThat(response.statusCode()).isEqualTo(200);
            console.await(m -> m.equals("Request served"), 1);
            console.await(l -> false, Duration.ofMillis(300)); // a second line would come now

            List<JsonNode> served = console.json(m -> m.equals("Request served"));
            JsonNode before = console.json(m -> m.equals("before reroute")).get(0);
            JsonNode after = console.json(m -> m.startsWith("on worker")).get(0);
            assertThat(served).singleElement()
                    .satisfies(line -> assertThat(line.get("path").asText()).isEqualTo("/hop?name=***"))
                    .satisfies(line -> assertThat(line.get("requestId").asText())
                            .isEqualTo(response.header("X-Request-Id")));
            assertThat(before.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(after.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(after.get("traceId").asText()).isEqualTo(response.header("X-Trace-Id"));
        }
    }
}
