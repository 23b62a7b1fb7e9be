package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.delivery.Chunk;
import io.medplumlogs.forwarder.delivery.DeadLetterCodec;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator sees every failure path in the metrics, not only the batches that went well: an invocation that fails
 * because the DLQ refused a write still writes its metrics line, and a redrive writes one with what it redelivered and
 * what it left. Every line carries the invocation's awsRequestId. (Metric names are spelled out: they are a contract
 * the generated alarms rely on.)
 */
class FailurePathMetricsTest extends AbstractMotoTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKER = "CHUNK-TWO-MARKER";
    // (Per-vendor @EnumSource tests start alike here and in the delivery tests: the scenarios after start() differ.)
    static final String REQUEST_ID = "00000000-test-4000-8000-000000000000";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whenTheDlqRefusesTheWriteTheMetricsLineIsWrittenBeforeTheInvocationFails(Vendor vendor) throws IOException {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 400);
        fixture.dlq.delete();
        List<String> lines = threeChunksOfLines();

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines(lines).invocation())).isInstanceOf(RuntimeException.class);

        JsonNode emf = single(output.metricLines());
        assertThat(emf.get("EventsReceived").asLong()).isEqualTo(2100);
        assertThat(emf.get("EntriesDelivered").asLong()).isEqualTo(fixture.vendor.acceptedEntries().size())
                .isPositive();
        assertThat(emf.get("ChunksDeadLettered").asLong()).isZero();
        assertThat(emf.get("DeadLetterWritesFailed").asLong()).isEqualTo(1);
        assertThat(metricNames(emf)).contains("DeadLetterWritesFailed/Count");
        assertThat(emf.get("awsRequestId").asText()).isEqualTo(REQUEST_ID);
        assertEveryInvocationLineCarriesTheRequestId();
    }

    @Test
    void aBatchThatWentWellReportsNoFailedDlqWrite() throws IOException {
        startFixture(Vendor.SPLUNK);
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("a", "b").invocation());
        assertThat(single(output.metricLines()).get("DeadLetterWritesFailed").asLong()).isZero();
    }

    @Test
    void redriveWritesAMetricsLineWithRedeliveredAndStillFailingCounts() throws IOException {
        ForwarderHandler handler = start(Vendor.DATADOG);
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of("{\"message\":\"one\"}",
                "{\"message\":\"two\"}"), Map.of()), "HTTP 503 after 6 attempt(s)").get(0));
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.SPLUNK, new Chunk(List.of("{\"event\":\"other\"}"), Map.of()),
                "HTTP 503 after 6 attempt(s)").get(0));
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder().logGroup("/ecs/recovered")
                .lines("r1", "r2", "r3").invocationJson()));

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        List<JsonNode> emf = output.metricLines();
        JsonNode redrive = emf.stream().filter(l -> l.has("RedriveRedelivered")).findFirst().orElseThrow(
                () -> new AssertionError("no redrive metrics line in " + output));
        assertThat(redrive.get("Vendor").asText()).isEqualTo("datadog");
        assertThat(JSON.convertValue(redrive.at("/_aws/CloudWatchMetrics/0/Dimensions"), List.class))
                .isEqualTo(List.of(List.of("Vendor"), List.of("FunctionName", "Vendor")));
        assertThat(redrive.get("FunctionName").asText()).isEqualTo("medplum-logs-forwarder");
        assertThat(metricNames(redrive)).containsExactlyInAnyOrder("RedriveRedelivered/Count",
                "RedriveStillFailing/Count", "InvocationsRecovered/Count", "InvocationsStillFailing/Count",
                "RedriveRedeliveredNotDeleted/Count", "InvocationsRecoveredNotDeleted/Count");
        assertThat(redrive.get("RedriveRedelivered").asLong()).isEqualTo(1);
        assertThat(redrive.get("RedriveStillFailing").asLong()).isEqualTo(1);
        assertThat(redrive.get("InvocationsRecovered").asLong()).isEqualTo(1);
        assertThat(redrive.get("InvocationsStillFailing").asLong()).isZero();
        // the recovered invocation is a batch like any other: its own line, under its log group
        JsonNode recovered = emf.stream().filter(l -> "/ecs/recovered".equals(l.path("LogGroup").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no metrics line for the recovered batch"));
        assertThat(recovered.get("EventsReceived").asLong()).isEqualTo(3);
        assertThat(recovered.get("EntriesDelivered").asLong()).isEqualTo(3);
        assertThat(fixture.vendor.acceptedEntries()).hasSize(5);
        assertEveryInvocationLineCarriesTheRequestId();
    }

    @Test
    void aRecoveredInvocationWhoseDlqWriteFailsStillWritesItsMetricsLine() throws IOException {
        ForwarderHandler handler = start(Vendor.SUMOLOGIC);
        fixture.vendor.enqueue(Answer.status(400));
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder().logGroup("/ecs/recovered")
                .lines("r1", "r2").invocationJson()));
        fixture.dlq.delete();

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        List<JsonNode> emf = output.metricLines();
        JsonNode batch = emf.stream().filter(l -> "/ecs/recovered".equals(l.path("LogGroup").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no metrics line for the recovered batch"));
        assertThat(batch.get("EventsReceived").asLong()).isEqualTo(2);
        assertThat(batch.get("EntriesDelivered").asLong()).isZero();
        assertThat(batch.get("DeadLetterWritesFailed").asLong()).isEqualTo(1);
        JsonNode redrive = emf.stream().filter(l -> l.has("InvocationsStillFailing")).findFirst().orElseThrow();
        assertThat(redrive.get("InvocationsStillFailing").asLong()).isEqualTo(1);
        assertThat(fixture.onFailure.count()).isEqualTo(1);
    }

    /** A DLQ message whose entry is not JSON (written by hand) must not stop the redrive of the messages behind it. */
    @Test
    void anUnreadableDlqEntryDoesNotBlockTheMessagesBehindIt() throws IOException {
        ForwarderHandler handler = start(Vendor.DATADOG);
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of("not json at all"), Map.of()),
                "by hand").get(0));
        fixture.dlq.add(DeadLetterCodec.encode(Vendor.DATADOG, new Chunk(List.of("{\"message\":\"behind\"}"),
                Map.of()), "HTTP 503 after 6 attempt(s)").get(0));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":1", "\"stillFailing\":1");
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                .containsExactly("behind");
        assertThat(fixture.dlq.count()).isEqualTo(1);
    }

    void assertEveryInvocationLineCarriesTheRequestId() throws IOException {
        for (JsonNode line : output.lines()) {
            if (!line.path("msg").asText().startsWith("Forwarder ready")) {
                assertThat(line.path("awsRequestId").asText()).as(line.toString()).isEqualTo(REQUEST_ID);
            }
        }
    }

    static List<String> threeChunksOfLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            lines.add(i == 1050 ? MARKER + " 1050" : "line " + i + " " + "q".repeat(1000));
        }
        return lines;
    }

    static List<String> metricNames(JsonNode emf) {
        return StreamSupport.stream(emf.at("/_aws/CloudWatchMetrics/0/Metrics").spliterator(), false)
                .map(m -> m.get("Name").asText() + "/" + m.get("Unit").asText()).toList();
    }

    static JsonNode single(List<JsonNode> lines) {
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }


}
