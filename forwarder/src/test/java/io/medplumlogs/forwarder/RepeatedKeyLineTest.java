package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JSON line that names a key twice (an encoder that streams MDC next to its own fields, with an MDC key named like
 * one of them) holds two values; as an object only one of them would reach the vendor. Such a line is sent as the
 * plain text it is, at every vendor, so neither value is lost.
 */
class RepeatedKeyLineTest {

    /** Where each vendor puts a plain-text line. */
    static final Map<Vendor, String> TEXT = Map.of(Vendor.DATADOG, "/message", Vendor.SPLUNK, "/event",
            Vendor.SUMOLOGIC, "/message");

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLineWithARepeatedKeyArrivesAsWrittenAtEveryVendor(Vendor vendor) {
        String topLevel = "{\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"level\":\"INFO\",\"msg\":\"Login failed\","
                + "\"user\":\"alice@example.com\",\"user\":\"svc-batch\"}";
        String nested = "{\"level\":\"INFO\",\"msg\":\"Login failed\",\"mdc\":{\"tenant\":\"a\",\"tenant\":\"b\"}}";
        String once = "{\"level\":\"INFO\",\"msg\":\"Login ok\",\"user\":\"alice@example.com\",\"mdc\":{\"user\":\"a\"}}";
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            ForwarderFixture.invoke(fixture.handler(),
                    SubscriptionEvents.builder().lines(topLevel, nested, once).invocation());

            var entries = fixture.vendor.acceptedEntries();
            assertThat(entries).extracting(e -> e.at(TEXT.get(vendor))).extracting(JsonNode::asText)
                    .startsWith(topLevel, nested);
            // a line that names each key once stays structured, as before
            assertThat(entries.get(2).toString()).contains("\"user\":\"alice@example.com\"", "\"mdc\":{\"user\":\"a\"}");
            assertThat(entries.get(2).at(TEXT.get(vendor)).asText()).isNotEqualTo(once);
        }
    }
}
