package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * A caller's non-hex {@code X-Trace-Id} token is the line's {@code traceId}; with OpenTelemetry the span's trace-id is
 * beside it as {@code otelTraceId}, "so a line still leads to its trace" (log-contract.adoc). At Datadog the trace is
 * found through {@code trace_id} (hex) and {@code dd.trace_id} (decimal of its low 64 bits): they carry the span's
 * trace-id, and the token stays searchable as {@code @traceId}. A token without a trace behind it gives no
 * {@code trace_id}, which would name a trace that cannot exist.
 */
class DatadogTokenTraceIdTest {

    static final String TOKEN = "abc.DEF-123";
    static final String OTEL = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aTokenTraceIdLeadsToTheSpansTraceThroughOtelTraceId() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"traceId\":\"" + TOKEN + "\","
                + "\"otelTraceId\":\"" + OTEL + "\",\"spanId\":\"00f067aa0ba902b7\"}");

        assertThat(entry.get("trace_id").asText()).isEqualTo(OTEL);
        assertThat(entry.at("/dd/trace_id").asText()).isEqualTo(Long.toUnsignedString(0xa3ce929d0e0e4736L));
        assertThat(entry.get("traceId").asText()).isEqualTo(TOKEN);
        assertThat(entry.get("otelTraceId").asText()).isEqualTo(OTEL);
        assertThat(entry.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void aTokenWithoutATraceGivesNoTraceId() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"Request served\",\"traceId\":\"" + TOKEN + "\"}");

        assertThat(entry.has("trace_id")).as(entry.toString()).isFalse();
        assertThat(entry.at("/dd/trace_id").isMissingNode()).isTrue();
        assertThat(entry.get("traceId").asText()).isEqualTo(TOKEN);
    }

    private static JsonNode sent(String line) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());
            return fixture.vendor.requests().get(0).entries().get(0);
        }
    }
}
