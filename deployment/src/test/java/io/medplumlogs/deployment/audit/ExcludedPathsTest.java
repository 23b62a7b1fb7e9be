package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Exclusions (the configured ones and the default {@code /q/}) match the path the router serves, segment by segment:
 * a dot segment, a percent-encoded dot or a shared name prefix must not hide a request from the audit.
 */
class ExcludedPathsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class)
            .overrideConfigKey("quarkus.medplum-logs.audit.excluded-paths", "/health,/log/event-loop/");

    @Test
    void pathsThatLeaveAnExcludedPrefixAreAudited() throws Exception {
        for (String target : List.of("/q/../log/worker", "/q/%2E%2E/log/worker", "/q/%2e%2e/log/worker",
                "/health/../log/worker", "/health/%2E%2E/log/worker", "//q/../log/worker", "/q;x/../log/worker",
                "/log/event-loop/../worker")) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                RawHttp.Response response = RawHttp.get(target);
                assertThat(response.status()).as(target).isEqualTo(200);

                JsonNode line = only(console, target);
                assertThat(line.path("path").asText()).isEqualTo(target);
                assertThat(line.path("status").asInt()).isEqualTo(200);
                assertThat(line.path("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            }
        }
    }

    @Test
    void aPrefixCoversWholeSegmentsOnly() throws Exception {
        for (String target : List.of("/healthcare/x", "/health-check", "/q-anything", "/log/event-loopy")) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                RawHttp.get(target);
                assertThat(only(console, target).path("path").asText()).isEqualTo(target);
            }
        }
    }

    @Test
    void theServedFormOfAnExcludedPathStaysExcluded() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            for (String target : List.of("/health", "/health/", "/health/live", "/h%65alth/live", "//health",
                    "/x/../health", "/log/event-loop", "/log/%65vent-loop", "/q/anything", "/q", "/q/./anything")) {
                RawHttp.get(target);
            }
            RawHttp.get("/log/worker?tag=marker"); // audited: proves lines were flowing
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
            assertThat(lines.get(0).path("path").asText()).isEqualTo("/log/worker?tag=***");
        }
    }

    private static JsonNode only(ConsoleLines console, String target) {
        List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
        assertThat(lines).as("Request served lines of %s, captured: %s", target, console.lines()).hasSize(1);
        return lines.get(0);
    }
}
