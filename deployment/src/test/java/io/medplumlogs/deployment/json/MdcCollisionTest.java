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
 * An app (or a library) that puts the line's own field names into the MDC for the whole request cannot overwrite
 * them: not the redacted path or hashed user of the audit line, not msg or level of its own lines. Its values are
 * kept under {@code mdc.<key>} on every line, and a WARN names each such key once.
 */
class MdcCollisionTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(CollidingMdcResource.class);

    @Path("/colliding-mdc")
    public static class CollidingMdcResource {

        private static final Logger LOG = Logger.getLogger(CollidingMdcResource.class);

        @GET
        public String get() {
            // the colliding keys of JsonLineFormatterTest again, on purpose: here through a real request and audit line
            // left in the MDC on purpose, as a request filter of the app would: the audit line sees it too
            MDC.put("path", "/fhir/R4/Patient?name=Simpson&birthdate=1956-05-12");
            MDC.put("user", "homer.simpson@example.com");
            MDC.put("status", "200");
            MDC.put("ip", "6.6.6.6");
            MDC.put("msg", "app msg");
            MDC.put("level", "app level");
            MDC.put("tenant", "acme");
            LOG.info("app line");
            return "ok";
        }
    }

    @Test
    void lineFieldsWinAndAppValuesAreKeptUnderAPrefix() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/colliding-mdc?name=Simpson").andReturn();
            assertThat(response.statusCode()).isEqualTo(200);

            JsonNode audit = strict(console, "Request served");
            assertThat(audit.get("path").asText()).isEqualTo("/colliding-mdc?name=***");
            assertThat(audit.get("status").isInt()).isTrue();
            assertThat(audit.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(audit.has("user")).isFalse();
            assertThat(audit.get("msg").asText()).isEqualTo("Request served");
            assertThat(audit.get("level").asText()).isEqualTo("INFO");
            assertThat(audit.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(audit.get("mdc.path").asText()).isEqualTo("/fhir/R4/Patient?name=Simpson&birthdate=1956-05-12");
            assertThat(audit.get("mdc.status").asText()).isEqualTo("200");
            assertThat(audit.get("mdc.ip").asText()).isEqualTo("6.6.6.6");
            assertThat(audit.get("mdc.msg").asText()).isEqualTo("app msg");
            // anonymous: the line has no user, and the app's value must not pass for one
            assertThat(audit.get("mdc.user").asText()).isEqualTo("homer.simpson@example.com");

            JsonNode app = strict(console, "app line");
            assertThat(app.get("level").asText()).isEqualTo("INFO");
            assertThat(app.get("mdc.msg").asText()).isEqualTo("app msg");
            assertThat(app.get("mdc.level").asText()).isEqualTo("app level");
            assertThat(app.has("path")).isFalse();
            assertThat(app.get("mdc.path").asText()).isEqualTo("/fhir/R4/Patient?name=Simpson&birthdate=1956-05-12");
            assertThat(app.get("tenant").asText()).isEqualTo("acme");

            for (String key : List.of("path", "user", "status", "ip", "msg", "level")) {
                List<JsonNode> warnings = console.await(m -> m.contains("'" + key + "'"), 1);
                assertThat(warnings).as(key).hasSize(1);
                assertThat(warnings.get(0).get("level").asText()).isEqualTo("WARN");
                assertThat(warnings.get(0).get("msg").asText()).contains("'mdc." + key + "'");
            }
        }
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/colliding-mdc").then().statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1)).hasSize(1);

            assertThat(console.json(m -> m.startsWith("MDC key "))).isEmpty(); // once per key, not per line
        }
    }

    private static JsonNode strict(ConsoleLines console, String msg) throws Exception {
        List<JsonNode> found = console.await(m -> m.equals(msg), 1);
        assertThat(found).hasSize(1);
        List<String> raw = console.lines().stream().filter(l -> l.contains("\"msg\":\"" + msg + "\"")).toList();
        assertThat(raw).hasSize(1);
        return STRICT.readTree(raw.get(0)); // fails on a duplicate key
    }
}
