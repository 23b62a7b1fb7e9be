package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record the transformation answers {@code ProcessingFailed} goes to the backup bucket, and Firehose's own metrics
 * do not count it as a failure: {@code ExecuteProcessing.Success} counts invocations, which succeeded. The function's
 * metrics line (Embedded Metric Format, the forwarder's namespace and dimensions) is what the generated
 * {@code -records-processing-failed} alarm watches, so it must count every such record, per invocation.
 */
class FirehoseMetricsTest {

    private static final Map<String, String> ENV = Map.of(ForwarderContract.ENV_VENDOR, "sumologic",
            ForwarderContract.ENV_FUNCTION_NAME, "medplum-logs-sumologic");

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void processingFailedRecordsAreCountedForTheAlarm() throws Exception {
        FirehoseEvents.invoke(new FirehoseTransformHandler(ENV), new FirehoseEvents()
                .record("ok", SubscriptionEvents.builder().lines("fine"))
                .recordData("not-gzip", "bm90IGd6aXA=")
                .record("control", SubscriptionEvents.controlMessage())
                .recordData("not-base64", "***").bytes());

        JsonNode line = metricsLine();
        assertThat(line.get("RecordsProcessingFailed").asLong()).isEqualTo(2);
        assertThat(line.get("Vendor").asText()).isEqualTo("sumologic");
        assertThat(line.get("FunctionName").asText()).isEqualTo("medplum-logs-sumologic");
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("MedplumLogs/Forwarder");
        assertThat(directive.get("Dimensions").toString()).contains("[\"FunctionName\",\"Vendor\"]");
        assertThat(directive.get("Metrics").findValuesAsText("Name")).contains("RecordsProcessingFailed");
    }

    /** A clean invocation says 0, so that the alarm's window has data rather than none. */
    @Test
    void anInvocationWithoutFailuresCountsZero() throws Exception {
        FirehoseEvents.invoke(new FirehoseTransformHandler(ENV), new FirehoseEvents()
                .record("ok", SubscriptionEvents.builder().lines("fine")).bytes());

        assertThat(metricsLine().get("RecordsProcessingFailed").asLong()).isZero();
    }

    private JsonNode metricsLine() throws java.io.IOException {
        List<JsonNode> lines = output.lines().stream().filter(l -> l.has("_aws")).toList();
        assertThat(lines).as("one metrics line per invocation").hasSize(1);
        return lines.get(0);
    }
}
