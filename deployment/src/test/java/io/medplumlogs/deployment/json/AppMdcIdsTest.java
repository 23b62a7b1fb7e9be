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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An app that already had its own correlation filter (a common sight: {@code MDC.put("requestId", header)}) must not
 * take the request's IDs away from its lines: the line carries the request's IDs, as the response headers and the
 * audit line do, and the app's values under {@code mdc.<key>}. An app that removes the keys again (a {@code finally}
 * block) must not leave the rest of the request's lines without IDs.
 */
class AppMdcIdsTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(OwnIdsResource.class);

    @Path("/own-ids")
    public static class OwnIdsResource {

        private static final Logger LOG = Logger.getLogger(OwnIdsResource.class);

        @GET
        public String get() {
            MDC.put("requestId", "app-request-1");
            MDC.put("traceId", "app-trace-1");
            try {
                LOG.info("with the app's ids");
            } finally {
                MDC.remove("requestId");
                MDC.remove("traceId");
            }
            LOG.info("after the app removed them");
            return "ok";
        }
    }

    @Test
    void theRequestsIdsWinAndTheAppsAreKeptUnderAPrefix() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/own-ids").andReturn();
            assertThat(response.statusCode()).isEqualTo(200);
            String requestId = response.header("X-Request-Id");
            String traceId = response.header("X-Trace-Id");

            JsonNode own = strict(console, "with the app's ids");
            assertThat(own.get("requestId").asText()).isEqualTo(requestId);
            assertThat(own.get("traceId").asText()).isEqualTo(traceId);
            assertThat(own.get("mdc.requestId").asText()).isEqualTo("app-request-1");
            assertThat(own.get("mdc.traceId").asText()).isEqualTo("app-trace-1");

            JsonNode after = strict(console, "after the app removed them");
            assertThat(after.get("requestId").asText()).isEqualTo(requestId);
            assertThat(after.get("traceId").asText()).isEqualTo(traceId);
            assertThat(after.has("mdc.requestId")).isFalse();

            JsonNode audit = strict(console, "Request served");
            assertThat(audit.get("requestId").asText()).isEqualTo(requestId);
        }
    }

    private static JsonNode strict(ConsoleLines console, String msg) throws Exception {
        List<JsonNode> found = console.await(m -> m.equals(msg), 1);
        assertThat(found).hasSize(1);
        List<String> raw = console.lines().stream().filter(l -> l.contains("\"msg\":\"" + msg + "\"")).toList();
        assertThat(raw).hasSize(1);
        String line = raw.get(0);
        assertThat(line).doesNotContain("medplumLogs.");
        return STRICT.readTree(line); // fails on a duplicate key
    }
}
