package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.AbstractWireFormatTest;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What arrives at Datadog's logs intake, byte for byte where it matters. */
class DatadogWireFormatTest extends AbstractWireFormatTest {

    static final String CONTRACT_LINE = ContractLines.REQUEST_SERVED;

    // Constructor and overrides are AbstractWireFormatTest's per-vendor hooks: same shape in every vendor test,
    // each with that vendor's own paths, settings and fields (the shared checks live in the base class).
    DatadogWireFormatTest() {
        super(Vendor.DATADOG, "/message", "/message", "");
    }

    @Override
    protected void configure(Map<String, String> environment) {
        environment.put("MEDPLUM_LOGS_DATADOG_SERVICE", "medplum-fhir");
        environment.put("MEDPLUM_LOGS_DATADOG_TAGS", "env:test,team:fhir");
    }

    @Override
    protected void assertCorrelationKept(JsonNode part) {
        assertThat(part.get("status").asText()).isEqualTo("error");
        assertThat(part.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void awsDocsSampleArrivesAsPlainTextWithCloudWatchMetadata() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.awsDocsSample().invocation());

        assertThat(fixture.vendor.requests()).hasSize(1);
        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v2/logs");
        assertThat(request.header("DD-API-KEY")).isEqualTo(ForwarderFixture.DATADOG_API_KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.body()).startsWith("[{").endsWith("}]");

        JsonNode log = request.entries().get(0);
        assertThat(log.get("message").asText()).isEqualTo("REPORT RequestId: 6234bffe-149a-b642-81ff-2e8e376d8aff"
                + "\tDuration: 46.84 ms\tBilled Duration: 47 ms \tMemory Size: 192 MB\tMax Memory Used: 72 MB\t");
        // the sample's event is of 2019, far older than Datadog keeps: re-stamped, its own time kept beside
        assertThat(log.get("timestamp").asLong()).isGreaterThan(System.currentTimeMillis() - 60_000);
        assertThat(log.get("originalTimestamp").asText()).isEqualTo("2019-03-13T23:05:48.220Z");
        assertThat(log.get("ddsource").asText()).isEqualTo("medplum-logs");
        assertThat(log.get("service").asText()).isEqualTo("medplum-fhir");
        assertThat(log.get("ddtags").asText()).isEqualTo("env:test,team:fhir");
        assertThat(log.at("/aws/awslogs/logGroup").asText()).isEqualTo("/aws/lambda/echo-nodejs");
        assertThat(log.at("/aws/awslogs/logStream").asText())
                .isEqualTo("2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7");
        assertThat(log.at("/aws/awslogs/owner").asText()).isEqualTo("123456789012");
        assertThat(log.has("status")).isFalse();
        assertThat(fixture.sqs.everSent()).isEmpty();
    }

    // (Field-by-field checks of a Datadog entry, alike in shape to other formatters' field checks: its own fields.)
    @Test
    void contractLineIsStructuredWithStatusAndTraceCorrelation() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(CONTRACT_LINE).invocation());

        JsonNode log = fixture.vendor.acceptedEntries().get(0);
        assertThat(log.get("message").asText()).isEqualTo("Request served");
        assertThat(log.has("msg")).isFalse();
        assertThat(log.get("status").asText()).isEqualTo("warn");
        assertThat(log.get("level").asText()).isEqualTo("WARN");
        assertThat(log.get("requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(log.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(log.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(log.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        // low 64 bits a3ce929d0e0e4736 and span 00f067aa0ba902b7 as unsigned decimal
        assertThat(log.at("/dd/trace_id").asText()).isEqualTo(Long.toUnsignedString(0xa3ce929d0e0e4736L));
        assertThat(log.at("/dd/trace_id").asText()).isEqualTo("11803532876627986230");
        assertThat(log.at("/dd/span_id").asText()).isEqualTo("67667974448284343");
        // the fixture line's own time is older than Datadog keeps: re-stamped (ISO, as written), its own time kept
        assertThat(log.get("timestamp").asText()).endsWith("Z").isNotEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(log.get("originalTimestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(log.get("method").asText()).isEqualTo("GET");
        assertThat(log.get("status").asText()).isEqualTo("warn");
    }

    @Test
    void ownLogGroupIsNeverForwarded() {
        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder()
                .logGroup("/aws/lambda/medplum-logs-forwarder").lines("{\"level\":\"INFO\"}").invocation());

        assertThat(out).contains("own log group");
        assertThat(fixture.vendor.requests()).isEmpty();
    }

    @Test
    void secretIsReadOncePerColdStart() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation());
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("b").invocation());

        assertThat(fixture.secrets.reads()).isEqualTo(1);
        assertThat(fixture.vendor.accepted()).hasSize(2);
    }

    @Test
    void siteDecidesTheIntakeHostWhenNoEndpointIsSet() {
        fixture.environment().remove(ForwarderContract.ENV_ENDPOINT);
        fixture.environment().put(ForwarderContract.ENV_DATADOG_SITE, "datadoghq.eu");
        var settings = io.medplumlogs.forwarder.ForwarderSettings.fromEnvironment(fixture.environment());
        assertThat(settings.endpoint()).hasToString("https://http-intake.logs.datadoghq.eu");
    }
}
