package io.medplumlogs.forwarder.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * Splunk HEC refuses a whole request when one event is a blank string (400, code 13, "Event field cannot be blank"),
 * and it would refuse the dead letter again on every redrive. An empty line ({@code System.out.println()} in a Lambda)
 * or a whitespace-only one is common: it must arrive, as written, without costing its neighbours their delivery.
 */
class SplunkBlankEventTest {

    @Test
    void emptyAndWhitespaceLinesArriveAsObjectEventsNextToTheirNeighbours() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            // HEC's answer to any event that is a blank string
            fixture.vendor.failWhen(request -> request.entries().stream()
                    .anyMatch(e -> e.path("event").isTextual() && e.path("event").asText().isBlank()), 400);
            ForwarderHandler handler = fixture.handler();

            ForwarderFixture.invoke(handler, SubscriptionEvents.builder()
                    .lines("before", "\n", " \t ", "after").invocation());

            assertThat(fixture.vendor.requests()).as("one request, accepted").hasSize(1);
            var events = fixture.vendor.acceptedEntries().stream().map(e -> e.get("event")).toList();
            assertThat(events).extracting(JsonNode::toString)
                    .containsExactly("\"before\"", "{\"message\":\"\"}", "{\"message\":\" \\t \"}", "\"after\"");
        }
    }
}
