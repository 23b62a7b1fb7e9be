package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forwarder's metrics are CloudWatch Embedded Metric Format lines on stdout: one per subscription batch, with
 * exact counts for a batch whose outcome is known (a retried chunk, a dead-lettered chunk, a truncated entry).
 */
class EmbeddedMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKER = "CHUNK-TWO-MARKER";

    ForwarderFixture fixture;

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Outside Lambda there is no function name: the set that needs it is not declared (CloudWatch would refuse it). */
    @Test
    void withoutAFunctionNameOnlyTheSetsWithoutItAreDeclared() {
        JsonNode line = EmbeddedMetrics.of(Vendor.SPLUNK, java.util.Optional.empty(), "/ecs/a", 1,
                io.medplumlogs.forwarder.delivery.Delivery.Summary.none(), 0);
        assertThat(JSON.convertValue(line.at("/_aws/CloudWatchMetrics/0/Dimensions"), List.class))
                .isEqualTo(List.of(List.of("Vendor"), List.of("Vendor", "LogGroup")));
        assertThat(line.has(ForwarderMetrics.DIMENSION_FUNCTION)).isFalse();
    }

    @Test
    void datadogBatchWithARetryADeadLetteredChunkAndASplitEntry() throws IOException {
        fixture = ForwarderFixture.start(Vendor.DATADOG);
        ForwarderHandler handler = fixture.handler();
        // Datadog takes 1000 entries per request: chunks of 1000, 1000 and 101 entries
        List<String> lines = batch(Vendor.DATADOG.limits().maxBytesPerEvent());
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 503);
        fixture.vendor.enqueue(Answer.status(500));

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        JsonNode emf = output.singleMetricsLine();
        JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
        assertThat(emf.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
        assertThat(directive.get("Namespace").asText()).isEqualTo("MedplumLogs/Forwarder");
        // per function: the set the generated alarms watch, so that two forwarders for one vendor do not mix
        assertThat(JSON.convertValue(directive.get("Dimensions"), List.class))
                .isEqualTo(List.of(List.of("Vendor"), List.of("Vendor", "LogGroup"), List.of("FunctionName", "Vendor")));
        assertThat(emf.get(ForwarderMetrics.DIMENSION_FUNCTION).asText()).isEqualTo("medplum-logs-forwarder");
        assertThat(StreamSupport.stream(directive.get("Metrics").spliterator(), false)
                .map(m -> m.get("Name").asText() + "/" + m.get("Unit").asText()).toList())
                .containsExactlyInAnyOrder("EventsReceived/Count", "EntriesDelivered/Count", "BytesSent/Bytes",
                        "ChunksRetried/Count", "ChunksDeadLettered/Count", "EntriesTruncated/Count",
                        "EntriesSplit/Count", "DeadLetterWritesFailed/Count", "VendorLatency/Milliseconds");
        assertThat(emf.get("Vendor").asText()).isEqualTo("datadog");
        assertThat(emf.get("LogGroup").asText()).isEqualTo("/ecs/medplum-fhir");
        assertThat(emf.get(ForwarderMetrics.EVENTS_RECEIVED).asLong()).isEqualTo(2101);
        assertThat(emf.get(ForwarderMetrics.ENTRIES_DELIVERED).asLong()).isEqualTo(1101);
        // chunk 1: one 500 then 202; chunk 2: 503 on all 4 attempts
        assertThat(emf.get(ForwarderMetrics.CHUNKS_RETRIED).asLong()).isEqualTo(1 + 3);
        assertThat(emf.get(ForwarderMetrics.CHUNKS_DEAD_LETTERED).asLong()).isEqualTo(1);
        // the line above the per-event limit went in parts, not cut
        assertThat(emf.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(emf.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).hasSize(7);
        assertThat(emf.get(ForwarderMetrics.BYTES_SENT).asLong()).isEqualTo(
                fixture.vendor.requests().stream().mapToLong(FakeVendor.Request::compressedBytes).sum());
        assertThat(emf.get(ForwarderMetrics.VENDOR_LATENCY)).hasSize(7)
                .allSatisfy(ms -> assertThat(ms.isIntegralNumber() && ms.asLong() >= 0).isTrue());
        assertThat(emf.get("awsRequestId").asText()).isEqualTo("00000000-test-4000-8000-000000000000");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyVendorCountsWhatTheFakeVendorSaw(Vendor vendor) throws IOException {
        fixture = ForwarderFixture.start(vendor);
        ForwarderHandler handler = fixture.handler();
        List<String> lines = batch(vendor.limits().maxBytesPerEvent());
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 400);

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        JsonNode emf = output.singleMetricsLine();
        assertThat(emf.get(ForwarderMetrics.EVENTS_RECEIVED).asLong()).isEqualTo(lines.size());
        // a log event counts once: the line above the limit arrived as several entries
        long eventsAccepted = fixture.vendor.acceptedEntries().stream()
                .filter(e -> (e.has("fields") ? e.get("fields") : e).path(SplitEntryFields.PART).asInt(1) == 1)
                .count();
        assertThat(fixture.vendor.acceptedEntries()).hasSizeGreaterThan((int) eventsAccepted);
        assertThat(emf.get(ForwarderMetrics.ENTRIES_DELIVERED).asLong())
                .isEqualTo(eventsAccepted).isLessThan(lines.size());
        assertThat(emf.get(ForwarderMetrics.CHUNKS_DEAD_LETTERED).asLong()).isEqualTo(1);
        assertThat(emf.get(ForwarderMetrics.CHUNKS_RETRIED).asLong()).isZero();
        assertThat(emf.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(emf.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(1);
        assertThat(emf.get(ForwarderMetrics.BYTES_SENT).asLong()).isEqualTo(
                fixture.vendor.requests().stream().mapToLong(FakeVendor.Request::compressedBytes).sum());
        assertThat(emf.get(ForwarderMetrics.VENDOR_LATENCY)).hasSize(fixture.vendor.requests().size());
        assertThat(emf.get("Vendor").asText()).isEqualTo(vendor.id());
    }

    @Test
    void controlMessageWritesNoMetrics() throws IOException {
        fixture = ForwarderFixture.start(Vendor.SPLUNK);
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.controlMessage().invocation());
        assertThat(output.lines()).noneMatch(l -> l.has("_aws"));
    }

    /** 2100 lines of about 1 kB (line 1050 carries the marker) and, at 2050, one line above the per-event limit. */
    static List<String> batch(int maxBytesPerEvent) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            lines.add(i == 1050 ? MARKER + " 1050" : "line " + i + " " + "q".repeat(1000));
            if (i == 2050) {
                lines.add("{\"level\":\"ERROR\",\"msg\":\"" + "x".repeat(maxBytesPerEvent + 10) + "\"}");
            }
        }
        return lines;
    }


}
