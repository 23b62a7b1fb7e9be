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
                + "\"no\":false,\"nothing\":null,\"object\":{\"a\":[1,\"x\",2.5,{}]},\"text\":\"caf\\u00e9 \\\"q\\\" \\/\","
                + "\"empty\":\"\",\"array\":[]}";
        fixture = ForwarderFixture.start(Vendor.SUMOLOGIC);

        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());

        // msg passes as written; every other value as its type writes it (a decimal as a double, an escape decoded)
        assertThat(fixture.vendor.requests().get(0).body()).isEqualTo("{\"timestamp\":\"2026-01-02T03:04:05.678Z\","
                + "\"level\":\"INFO\",\"msg\":\"m \\u00e9\",\"int\":7,\"negative\":-3,\"zero\":0,\"long\":12345678901,"
                + "\"bigInteger\":123456789012345678901234567890,\"decimal\":1.5,\"exponent\":1000.0,\"yes\":true,"
                + "\"no\":false,\"nothing\":null,\"object\":{\"a\":[1,\"x\",2.5,{}]},\"text\":\"café \\\"q\\\" /\","
                + "\"empty\":\"\",\"array\":[]}");
    }
}
