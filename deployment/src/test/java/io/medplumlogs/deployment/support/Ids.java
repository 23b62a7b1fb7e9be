package io.medplumlogs.deployment.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/** Assertions on the IDs a response and its log lines carry. */
public final class Ids {

    public static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    public static final String HEX32 = "[0-9a-f]{32}";

    private Ids() {
    }

    /** The response's IDs are well-formed, and every given line carries exactly them. */
    public static void assertLinesCarry(Response response, List<JsonNode> lines) {
        String requestId = response.header("X-Request-Id");
        String traceId = response.header("X-Trace-Id");
        assertThat(requestId).matches(UUID);
        assertThat(traceId).isNotBlank();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("requestId").asText()).as(line.toString()).isEqualTo(requestId);
            assertThat(line.path("traceId").asText()).as(line.toString()).isEqualTo(traceId);
        });
    }
}
