package io.medplumlogs.deployment.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Contract rule 2 holds with quarkus-opentelemetry too: a caller's verbatim, non-hex {@code X-Trace-Id} token is the
 * {@code traceId} of the lines and of the response (a Medplum client searches its logs by the token it sent). Such a
 * token cannot be an OpenTelemetry trace-id, so the span starts a new trace; that trace-id is on the lines as
 * {@code otelTraceId}, so the log still links to the trace.
 */
class OpenTelemetryTokenTraceIdTest {

    private static final String TOKEN = "abc.DEF-123";

    @RegisterExtension
    static final QuarkusUnitTest APP = OpenTelemetryApp.withJson(SpanResource.class, NestedSpanResource.class);

    @Test
    void tokenIsTheTraceIdAndTheSpanIsLinked() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", TOKEN).get("/span").andReturn();

            String spanTraceId = response.asString();
            assertThat(spanTraceId).matches(Ids.HEX32);
            assertThat(response.header("X-Trace-Id")).isEqualTo(TOKEN);
            List<JsonNode> lines = console.json(m -> m.equals("inside span"));
            Ids.assertLinesCarry(response, lines);
            assertThat(lines).allSatisfy(line -> assertThat(line.path("otelTraceId").asText()).isEqualTo(spanTraceId));
            assertThat(console.await(m -> m.equals("Request served"), 1)).hasSize(1).allSatisfy(line -> {
                assertThat(line.path("traceId").asText()).isEqualTo(TOKEN);
                assertThat(line.path("otelTraceId").asText()).isEqualTo(spanTraceId);
                // the audit line carries it as its own field and the MDC has it too: written once, not renamed
                assertThat(line.has("mdc.otelTraceId")).isFalse();
            });
        }
    }

    // The token is the first valid source: X-Amzn-Trace-Id after it is passed over, by the span too (it starts a new
    // trace, as for a token alone), not only by the log.
    @Test
    void anAmznTraceIdAfterTheTokenIsPassedOverByTheSpanToo() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", TOKEN)
                    .header("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
                    .get("/span").andReturn();

            String spanTraceId = response.asString();
            assertThat(response.header("X-Trace-Id")).isEqualTo(TOKEN);
            assertThat(spanTraceId).matches(Ids.HEX32).isNotEqualTo("5759e988bd862e3fe1be46a994272793");
            assertThat(console.json(m -> m.equals("inside span")))
                    .allSatisfy(line -> assertThat(line.path("otelTraceId").asText()).isEqualTo(spanTraceId));
        }
    }

    @Test
    void tokenSurvivesChildSpans() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", TOKEN).get("/nested").andReturn();

            String spanTraceId = response.asString();
            List<JsonNode> lines = console.json(m -> m.startsWith("nested: "));
            assertThat(lines).hasSize(3);
            Ids.assertLinesCarry(response, lines);
            assertThat(lines).allSatisfy(line -> assertThat(line.path("otelTraceId").asText()).isEqualTo(spanTraceId));
        }
    }

    @Test
    void hexIdsNeedNoSecondField() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", "0AF7651E-9F3B-4C2B-8D1A-1B2C3D4E5F60").get("/nested")
                    .andReturn();

            assertThat(response.header("X-Trace-Id")).isEqualTo("0af7651e9f3b4c2b8d1a1b2c3d4e5f60")
                    .isEqualTo(response.asString());
            List<JsonNode> lines = console.json(m -> m.startsWith("nested: "));
            Ids.assertLinesCarry(response, lines);
            assertThat(lines).allSatisfy(line -> assertThat(line.has("otelTraceId")).isFalse());
        }
    }
}
