package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** Over-long lines are cut (stack first, then msg), marked, and stay valid JSON within the bound. */
class TruncationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson().overrideConfigKey("quarkus.medplum-logs.max-line-bytes", "2048");

    // Capture, request, assert: the two tests differ in size and in which part is cut.
    @Test
    void stackIsCutFirst() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/huge?bytes=300").then().statusCode(200);

            String raw = only(console, 300);
            JsonNode line = console.json(m -> m.startsWith("xxx")).get(0);
            assertThat(raw.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(2048);
            assertThat(line.get("truncated").asBoolean()).isTrue();
            assertThat(line.get("msg").asText()).hasSize(300);
            assertThat(line.get("stack").asText()).startsWith("java.lang.RuntimeException: deep");
            assertThat(line.get("requestId").asText()).isNotEmpty();
        }
    }

    @Test
    void messageIsCutWhenTheStackIsNotEnough() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/huge?bytes=100000").then().statusCode(200);

            String raw = only(console, 100000);
            JsonNode line = console.json(m -> m.startsWith("xxx")).get(0);
            assertThat(raw.getBytes(StandardCharsets.UTF_8).length - 1).isBetween(1500, 2048);
            assertThat(line.get("truncated").asBoolean()).isTrue();
            assertThat(line.has("stack")).isFalse();
            assertThat(line.get("msg").asText()).matches("x{500,2000}");
            assertThat(line.get("traceId").asText()).isNotEmpty();
        }
    }

    private static String only(ConsoleLines console, int size) {
        List<String> lines = console.lines().stream().filter(l -> l.contains("\"xxxxxxxx")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
