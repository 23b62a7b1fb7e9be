package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClients;
import io.medplumlogs.demo.support.ResponseIds;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole product: a traced FHIR request → the app's JSON lines, as printed → a CloudWatch Logs subscription
 * event → the forwarder Lambda → Datadog (fake). The request's IDs must arrive as attributes a Datadog user can
 * search and correlate with APM ({@code requestId}, {@code traceId}, {@code trace_id}, {@code dd.trace_id}).
 */
@QuarkusTest
class ForwarderChainTest {

    @TestHTTPResource("/fhir/R4")
    URL base;

    @Test
    void requestIdsArriveAtDatadogAsSearchableAttributes() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ResponseIds ids = new ResponseIds().sending("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        List<String> printed;
        String id;
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            var client = FhirClients.client(base, ids);
            id = client.create().resource(DemoData.patient("Chain")).execute().getId().getIdPart();
            client.read().resource(Patient.class).withId(id).execute();
            // the Request served line is written when the response completed, which may be after the client read it
            assertThat(console.awaitRequestServed(ids.requestId())).isTrue();
            // only the lines of the last request: that is the one whose IDs we know
            printed = console.lines().stream().filter(l -> l.contains(ids.requestId()))
                    .map(l -> l.substring(0, l.length() - 1)) // the awslogs driver drops the newline
                    .toList();
        }
        assertThat(ids.traceId()).isEqualTo(traceId);
        assertThat(printed).isNotEmpty();

        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderHandler handler = fixture.handler();
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(printed).invocation());

            List<JsonNode> arrived = fixture.vendor.acceptedEntries();
            assertThat(arrived).hasSameSizeAs(printed);
            assertThat(arrived).extracting(e -> e.path("message").asText())
                    .contains("FHIR read Patient", "read Patient/" + id + " version 1");
            assertThat(arrived).allSatisfy(entry -> {
                assertThat(entry.path("requestId").asText()).isEqualTo(ids.requestId());
                assertThat(entry.path("traceId").asText()).isEqualTo(traceId);
                assertThat(entry.path("trace_id").asText()).isEqualTo(traceId);
                assertThat(entry.at("/dd/trace_id").asText())
                        .isEqualTo(Long.toUnsignedString(Long.parseUnsignedLong(traceId.substring(16), 16)));
            });
            // the app's real Request served line: its HTTP status survives Datadog's reserved "status" (the level)
            JsonNode served = arrived.stream().filter(e -> "Request served".equals(e.path("message").asText()))
                    .findFirst().orElseThrow();
            JsonNode original = printed.stream().map(ForwarderChainTest::json)
                    .filter(l -> "Request served".equals(l.path("msg").asText())).findFirst().orElseThrow();
            assertThat(served.path("status").asText()).isEqualTo("info");
            assertThat(served.at("/http/status_code").asInt()).isEqualTo(200);
            assertThat(served.at("/http/method").asText()).isEqualTo("GET");
            assertThat(served.at("/http/url_details/path").asText()).isEqualTo("/fhir/R4/Patient/" + id);
            assertThat(served.at("/network/client/ip").asText()).isEqualTo(original.path("ip").asText());
            assertThat(served.at("/http/useragent").asText()).isEqualTo(original.path("ua").asText()).isNotEmpty();
            assertThat(served.path("duration").asLong())
                    .isEqualTo(original.path("durationMs").asLong() * 1_000_000L);
            assertThat(served.path("durationMs")).isEqualTo(original.path("durationMs"));
        }
    }

    static JsonNode json(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
