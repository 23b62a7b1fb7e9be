package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of JSON value a line's field may hold keeps its type and value at the vendor. Sumo Logic gets a line
 * with a timestamp as written, so its request body shows the line's values exactly as they were read.
 */
class LineValuesArriveAsWrittenTest {

    private ForwarderFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void scalarsNestedValuesAndEscapesArriveWithTheirTypesAndValues() {
        String line = "{\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"level\":\"INFO\",\"msg\":\"m \\u00e9\","
                + "\"int\":7,\"negative\":-3,\"zero\":-0,\"long\":12345678901,"
                + "\"bigInteger\":123456789012345678901234567890,\"decimal\":1.50,\"exponent\":1e3,\"yes\":true,"
                + "\"huge\":1e400,\"precise\":0.1000000000000000000001,"
                + "\"no\":false,\"nothing\":null,\"object\":{\"a\":[1,\"x\",2.5,{}]},\"text\":\"caf\\u00e9 \\\"q\\\" \\/\","
                + "\"empty\":\"\",\"array\":[]}";
        fixture = ForwarderFixture.start(Vendor.SUMOLOGIC);

        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());

        // msg passes as written; every other value as its type writes it (a decimal with all its digits, never a
        // double's rounding or "Infinity"; an escape decoded)
        assertThat(fixture.vendor.requests().get(0).body()).isEqualTo("{\"timestamp\":\"2026-01-02T03:04:05.678Z\","
                + "\"level\":\"INFO\",\"msg\":\"m \\u00e9\",\"int\":7,\"negative\":-3,\"zero\":0,\"long\":12345678901,"
                + "\"bigInteger\":123456789012345678901234567890,\"decimal\":1.50,\"exponent\":1E+3,\"yes\":true,"
                + "\"huge\":1E+400,\"precise\":0.1000000000000000000001,"
                + "\"no\":false,\"nothing\":null,\"object\":{\"a\":[1,\"x\",2.5,{}]},\"text\":\"café \\\"q\\\" /\","
                + "\"empty\":\"\",\"array\":[]}");
    }

    /** Datadog's message is the line's msg; a field of the line's own named message is kept beside it. */
    @Test
    void aFieldNamedMessageBesideMsgIsKeptAtDatadog() {
        String line = "{\"level\":\"INFO\",\"msg\":\"the msg\",\"message\":\"an MDC value\",\"mdc.message\":\"x\"}";
        fixture = ForwarderFixture.start(Vendor.DATADOG);

        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());

        com.fasterxml.jackson.databind.JsonNode entry = fixture.vendor.acceptedEntries().get(0);
        assertThat(entry.get("message").asText()).isEqualTo("the msg");
        assertThat(entry.get("mdc.mdc.message").asText()).isEqualTo("an MDC value");
        assertThat(entry.get("mdc.message").asText()).isEqualTo("x");
    }
}
