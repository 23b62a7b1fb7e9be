package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.Vendor;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real {@code Request served} line through each intake: every field arrives where the vendor's search finds it.
 *
 * <ul>
 *   <li>Datadog (Standard Attributes / attribute naming convention): {@code status} is the log level, so the HTTP
 *   status goes to {@code http.status_code}; method, URL, user agent, client IP, duration (nanoseconds) and user get
 *   their standard attributes, and our names stay searchable as {@code @method}, {@code @durationMs} ...</li>
 *   <li>Splunk HEC: the line is the {@code event} object, unchanged; with the default {@code _json} sourcetype its
 *   keys are indexed fields, so {@code fields} holds only what the event lacks (no field indexed twice).</li>
 *   <li>Sumo Logic: the line is the record, unchanged, for JSON auto-parsing; CloudWatch metadata in
 *   {@code X-Sumo-Fields}.</li>
 * </ul>
 */
class RequestServedAtEachVendorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode LINE = parse(ContractLines.REQUEST_SERVED_FHIR_SEARCH);

    // (Field-by-field checks of one entry per vendor, alike in shape to the wire-format tests: its own fields.)
    @Test
    void datadogGetsStandardAttributesAndKeepsOurNames() {
        JsonNode log = sendThrough(Vendor.DATADOG).entries().get(0);

        assertThat(log.get("message").asText()).isEqualTo("Request served");
        assertThat(log.get("status").asText()).isEqualTo("info");
        assertThat(log.at("/http/status_code").isIntegralNumber()).isTrue();
        assertThat(log.at("/http/status_code").asInt()).isEqualTo(200);
        assertThat(log.at("/http/method").asText()).isEqualTo("GET");
        assertThat(log.at("/http/url").asText()).isEqualTo("/fhir/R4/Patient?name=***&_count=10");
        assertThat(log.at("/http/url_details/path").asText()).isEqualTo("/fhir/R4/Patient");
        assertThat(log.at("/http/useragent").asText()).isEqualTo("HAPI-FHIR/8.6.1 (FHIR Client; FHIR 4.0.1/R4)");
        assertThat(log.at("/network/client/ip").asText()).isEqualTo("198.51.100.7");
        assertThat(log.get("duration").isIntegralNumber()).isTrue();
        assertThat(log.get("duration").asLong()).isEqualTo(12_000_000L);
        assertThat(log.at("/usr/id").asText()).isEqualTo("3f9a1c0b5d2e4f60");
        assertThat(log.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        // every field of our line but msg and status is still there under its own name, with its own type; the
        // fixture's time is older than Datadog keeps, so it is re-stamped and kept as originalTimestamp
        assertThat(log.get("originalTimestamp")).isEqualTo(LINE.get("timestamp"));
        LINE.fieldNames().forEachRemaining(name -> {
            if (!name.equals("msg") && !name.equals("status") && !name.equals("timestamp")) {
                assertThat(log.get(name)).as(name).isEqualTo(LINE.get(name));
            }
        });
    }

    @Test
    void splunkGetsTheLineAsTheEventAndIndexesNothingTwice() {
        JsonNode hec = sendThrough(Vendor.SPLUNK).entries().get(0);

        assertThat(hec.get("event")).isEqualTo(LINE);
        assertThat(hec.get("sourcetype").asText()).isEqualTo("_json");
        assertThat(hec.get("time").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(SubscriptionEvents.FIRST_TIMESTAMP, 3));
        List<String> indexed = names(hec.get("fields"));
        assertThat(indexed).containsExactlyInAnyOrder("logGroup", "logStream", "account");
        assertThat(indexed).doesNotContainAnyElementsOf(names(LINE));
    }

    @Test
    void sumoGetsTheLineAsTheRecord() {
        FakeVendor.Request request = sendThrough(Vendor.SUMOLOGIC);

        assertThat(request.entries().get(0)).isEqualTo(LINE);
        assertThat(request.header("X-Sumo-Fields"))
                .isEqualTo("logGroup=/ecs/medplum-fhir,logStream=ecs/app/0f1e2d3c4b5a,account=123456789012");
    }

    static FakeVendor.Request sendThrough(Vendor vendor) {
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            ForwarderFixture.invoke(fixture.handler(),
                    SubscriptionEvents.builder().lines(ContractLines.REQUEST_SERVED_FHIR_SEARCH).invocation());
            assertThat(fixture.vendor.accepted()).hasSize(1);
            return fixture.vendor.accepted().get(0);
        }
    }

    static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
