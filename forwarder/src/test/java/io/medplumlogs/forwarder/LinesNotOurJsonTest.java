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
 * Lines that are not our log contract, as other processes in the same log group write them: JSON that is not an
 * object, an object nested deeper or with a number longer than the JSON reader takes, a number no decimal holds, an
 * empty or blank line. Each is delivered in its batch as the text it is (forwarder.adoc, "What arrives at the
 * vendor"), never failing the batch (and with it every retry and redrive) or going to the DLQ.
 */
class LinesNotOurJsonTest {

    static final String DEEP = "{\"a\":".repeat(1_200) + "1" + "}".repeat(1_200);
    static final String LONG_NUMBER = "{\"level\":\"INFO\",\"msg\":\"n\",\"n\":" + "9".repeat(5_000) + "}";
    static final String HUGE_EXPONENT = "{\"level\":\"INFO\",\"msg\":\"e\",\"e\":1e2147483648}";
    static final List<String> TEXT_LINES = List.of("[1,2]", "\"quoted\"", "null", "42", "true", DEEP, LONG_NUMBER,
            HUGE_EXPONENT, "", "   \t ");

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyLineIsDeliveredAndNothingIsDeadLettered(Vendor vendor) {
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            List<String> lines = new java.util.ArrayList<>(TEXT_LINES);
            lines.add("after");
            String out = ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(lines)
                    .invocation());

            assertThat(fixture.sqs.everSent()).as(out).isEmpty();
            List<JsonNode> entries = fixture.vendor.acceptedEntries();
            assertThat(entries).hasSize(lines.size());
            String pointer = switch (vendor) {
                case DATADOG, SUMOLOGIC -> "/message";
                case SPLUNK -> "/event";
            };
            for (int i = 0; i < lines.size(); i++) {
                JsonNode entry = entries.get(i);
                // Splunk refuses a blank event: a blank line is the object event {"message": <line>}
                JsonNode text = entry.at(pointer).isObject() ? entry.at(pointer).get("message") : entry.at(pointer);
                assertThat(text.isTextual()).as("line %d", i).isTrue();
                assertThat(text.asText()).as("line %d", i).isEqualTo(lines.get(i));
            }
        }
    }
}
