package io.medplumlogs.forwarder.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.AbstractWireFormatTest;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What arrives at a Splunk HTTP Event Collector. */
class SplunkWireFormatTest extends AbstractWireFormatTest {

    // Constructor and overrides are AbstractWireFormatTest's per-vendor hooks: same shape in every vendor test,
    // each with that vendor's own paths, settings and fields (the shared checks live in the base class).
    SplunkWireFormatTest() {
        super(Vendor.SPLUNK, "/event", "/event/msg", "/fields");
    }

    @Override
    protected void configure(Map<String, String> environment) {
        environment.put("MEDPLUM_LOGS_SPLUNK_INDEX", "medplum");
    }

    @Override
    protected void assertCorrelationKept(JsonNode part) {
        // a part is a text event: its correlation fields go to the indexed fields
        assertThat(part.at("/fields/level").asText()).isEqualTo("ERROR");
        assertThat(part.at("/fields/requestId").asText()).isEqualTo("r-1");
        assertThat(part.at("/fields/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    // (Field-by-field checks of a HEC event, alike in shape to the other wire-format tests: its own fields.)
    @Test
    void awsDocsSampleIsOneHecEventWithMetadataFields() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.awsDocsSample().invocation());

        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.path()).isEqualTo("/services/collector/event");
        assertThat(request.header("Authorization")).isEqualTo("Splunk " + ForwarderFixture.SPLUNK_TOKEN);
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).startsWith("{\"time\":1552518348.220,").doesNotStartWith("[");

        JsonNode event = request.entries().get(0);
        assertThat(event.get("time").decimalValue()).isEqualByComparingTo("1552518348.220");
        assertThat(event.get("host").asText()).isEqualTo("2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7");
        assertThat(event.get("source").asText()).isEqualTo("/aws/lambda/echo-nodejs");
        assertThat(event.get("sourcetype").asText()).isEqualTo("_json");
        assertThat(event.get("index").asText()).isEqualTo("medplum");
        assertThat(event.get("event").isTextual()).isTrue();
        assertThat(event.get("event").asText()).startsWith("REPORT RequestId: 6234bffe").endsWith("72 MB\t");
        assertThat(event.at("/fields/logGroup").asText()).isEqualTo("/aws/lambda/echo-nodejs");
        assertThat(event.at("/fields/account").asText()).isEqualTo("123456789012");
        assertThat(event.at("/fields/level").isMissingNode()).isTrue();
    }

    @Test
    void contractLineIsTheEventObjectWhoseKeysJsonSourcetypeIndexesSoFieldsDoNotRepeatThem() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder()
                .lines(ContractLines.REQUEST_SERVED, "plain").invocation());

        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.body().split("\n")).hasSize(2);
        JsonNode event = request.entries().get(0);
        assertThat(event.at("/event/msg").asText()).isEqualTo("Request served");
        assertThat(event.at("/event/timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(event.at("/event/level").asText()).isEqualTo("WARN");
        assertThat(event.at("/fields/level").isMissingNode()).isTrue();
        assertThat(event.at("/fields/traceId").isMissingNode()).isTrue();
        assertThat(event.at("/fields/logGroup").asText()).isEqualTo("/ecs/medplum-fhir");
        assertThat(request.entries().get(1).get("event").asText()).isEqualTo("plain");
    }

    @Test
    void withASourcetypeOfTheUsersCorrelationFieldsAreIndexedExplicitly() {
        fixture.environment().put("MEDPLUM_LOGS_SPLUNK_SOURCETYPE", "medplum:json");
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder()
                .lines(ContractLines.REQUEST_SERVED, "plain").invocation());

        FakeVendor.Request request = fixture.vendor.requests().get(0);
        JsonNode event = request.entries().get(0);
        assertThat(event.get("sourcetype").asText()).isEqualTo("medplum:json");
        assertThat(event.at("/fields/level").asText()).isEqualTo("WARN");
        assertThat(event.at("/fields/requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(event.at("/fields/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.at("/fields/spanId").asText()).isEqualTo("00f067aa0ba902b7");
        event.get("fields").forEach(value -> assertThat(value.isTextual()).isTrue());
        assertThat(request.entries().get(1).get("event").asText()).isEqualTo("plain");
    }


}
