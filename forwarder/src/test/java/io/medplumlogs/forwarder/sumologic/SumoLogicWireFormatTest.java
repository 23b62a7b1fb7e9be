package io.medplumlogs.forwarder.sumologic;

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

/** What arrives at a Sumo Logic HTTP source. */
class SumoLogicWireFormatTest extends AbstractWireFormatTest {

    // Constructor and overrides are AbstractWireFormatTest's per-vendor hooks: same shape in every vendor test,
    // each with that vendor's own paths, settings and fields (the shared checks live in the base class).
    SumoLogicWireFormatTest() {
        super(Vendor.SUMOLOGIC, "/message", "/msg", "");
    }

    @Override
    protected void configure(Map<String, String> environment) {
        environment.put("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY", "prod/medplum");
        environment.put("MEDPLUM_LOGS_SUMOLOGIC_FIELDS", "env=prod");
    }

    @Override
    protected void assertCorrelationKept(JsonNode part) {
        assertThat(part.get("level").asText()).isEqualTo("ERROR");
        assertThat(part.get("requestId").asText()).isEqualTo("r-1");
    }

    @Test
    void awsDocsSampleIsOneJsonRecordWithMetadataHeaders() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.awsDocsSample().invocation());

        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.path()).isEqualTo(FakeVendor.SUMO_PATH);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.header("X-Sumo-Category")).isEqualTo("prod/medplum");
        assertThat(request.header("X-Sumo-Name")).isEqualTo("/aws/lambda/echo-nodejs");
        assertThat(request.header("X-Sumo-Host")).isEqualTo("2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7");
        assertThat(request.header("X-Sumo-Fields")).isEqualTo("logGroup=/aws/lambda/echo-nodejs,"
                + "logStream=2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7,account=123456789012,env=prod");
        JsonNode record = request.entries().get(0);
        assertThat(record.get("timestamp").asText()).isEqualTo("2019-03-13T23:05:48.220Z");
        assertThat(record.get("message").asText()).startsWith("REPORT RequestId:").endsWith("72 MB\t");
    }

    @Test
    void contractLineStaysStructuredAndMultiLineTextStaysOneRecord() {
        String stack = "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)";
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder()
                .lines(ContractLines.REQUEST_SERVED, stack).invocation());

        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.body().split("\n")).hasSize(2);
        JsonNode structured = request.entries().get(0);
        assertThat(structured.get("level").asText()).isEqualTo("WARN");
        assertThat(structured.get("msg").asText()).isEqualTo("Request served");
        assertThat(structured.get("requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(structured.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(structured.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(request.entries().get(1).get("message").asText()).isEqualTo(stack);
    }


}
