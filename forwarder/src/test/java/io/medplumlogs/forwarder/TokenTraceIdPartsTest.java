package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A line whose {@code traceId} is a caller's non-hex token carries the span's trace-id as {@code otelTraceId}, "so a
 * line still leads to its trace" (log-contract.adoc). A line above the vendor's per-event limit goes in parts, each
 * with the line's correlation fields (forwarder.adoc, parts): {@code otelTraceId} too, or the parts of such a line
 * would lead to no trace (at Datadog: {@code trace_id} and {@code dd.trace_id} from it).
 */
class TokenTraceIdPartsTest {

    static final String OTEL = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyPartCarriesOtelTraceId(Vendor vendor) {
        int limit = vendor.limits().maxBytesPerEvent();
        String line = "{\"level\":\"ERROR\",\"msg\":\"boom\",\"traceId\":\"abc.DEF-123\",\"otelTraceId\":\"" + OTEL
                + "\",\"stack\":\"" + "x".repeat(Math.min(limit, 200_000) + 10) + "\"}";
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());

            List<JsonNode> parts = fixture.vendor.acceptedEntries();
            assertThat(parts).hasSizeGreaterThan(1);
            String marks = vendor == Vendor.SPLUNK ? "/fields/" : "/";
            for (JsonNode part : parts) {
                assertThat(part.at(marks + "otelTraceId").asText()).as(part.toString().substring(0, 300))
                        .isEqualTo(OTEL);
                assertThat(part.at(marks + "traceId").asText()).isEqualTo("abc.DEF-123");
                if (vendor == Vendor.DATADOG) {
                    assertThat(part.get("trace_id").asText()).isEqualTo(OTEL);
                    assertThat(part.at("/dd/trace_id").asText()).isEqualTo(Long.toUnsignedString(0xa3ce929d0e0e4736L));
                }
            }
        }
    }
}
