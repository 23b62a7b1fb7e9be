package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each vendor's Firehose destination receives from the transform, read back the way the destination reads it:
 * the same entries, correlation IDs and log-group mapping as the Lambda path.
 */
class FirehoseWireFormatTest {

    static final String MAPPING = "/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    static SubscriptionEvents batch(String logGroup) {
        return SubscriptionEvents.builder().logGroup(logGroup).logStream("ecs/api/0f1e")
                .lines(ContractLines.REQUEST_SERVED, "plain text line");
    }

    static JsonNode answers(String vendor, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put(ForwarderContract.ENV_VENDOR, vendor);
        env.put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
        return FirehoseEvents.invoke(new FirehoseTransformHandler(env), new FirehoseEvents()
                .record("mapped", batch("/ecs/api")).record("unmapped", batch("/ecs/worker")).bytes());
    }

    // (Field-by-field checks of one entry, alike in shape to the other wire-format tests: its own format.)
    @Test
    void datadogGetsAGzippedCloudWatchPayloadWhoseMessagesAreDatadogEntries() {
        JsonNode answers = answers("datadog", Map.of("MEDPLUM_LOGS_DATADOG_TAGS", "stack:medplum"));

        JsonNode payload = FirehoseEvents.gunzipJson(FirehoseEvents.data(answers.get(0)));
        assertThat(payload.get("messageType").asText()).isEqualTo("DATA_MESSAGE");
        assertThat(payload.get("logGroup").asText()).isEqualTo("/ecs/api");
        assertThat(payload.get("logStream").asText()).isEqualTo("ecs/api/0f1e");
        assertThat(payload.get("owner").asText()).isEqualTo("123456789012");
        JsonNode events = payload.get("logEvents");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("id").asText()).isEqualTo(String.format("%056d", 1));
        assertThat(events.get(0).get("timestamp").asLong()).isEqualTo(SubscriptionEvents.FIRST_TIMESTAMP);

        JsonNode log = FirehoseEvents.JSON.valueToTree(parse(events.get(0).get("message").asText()));
        assertThat(log.get("message").asText()).isEqualTo("Request served");
        assertThat(log.get("status").asText()).isEqualTo("warn");
        assertThat(log.get("requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(log.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(log.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(log.at("/dd/trace_id").asText()).isNotEmpty();
        assertThat(log.get("service").asText()).isEqualTo("fhir-api");
        assertThat(log.get("ddsource").asText()).isEqualTo("java");
        assertThat(log.get("ddtags").asText()).isEqualTo("stack:medplum,env:prod,team:core");
        assertThat(parse(events.get(1).get("message").asText()).get("message").asText()).isEqualTo("plain text line");

        JsonNode unmapped = parse(FirehoseEvents.gunzipJson(FirehoseEvents.data(answers.get(1)))
                .at("/logEvents/0/message").asText());
        assertThat(unmapped.get("service").asText()).isEqualTo("/ecs/worker");
        assertThat(unmapped.get("ddsource").asText()).isEqualTo("medplum-logs");
        assertThat(unmapped.get("ddtags").asText()).isEqualTo("stack:medplum");
    }

    @Test
    void splunkGetsHecEventObjectsOnePerLine() {
        JsonNode answers = answers("splunk", Map.of());

        // Firehose concatenates records; HEC reads one JSON object after another
        String concatenated = new String(FirehoseEvents.data(answers.get(0)), StandardCharsets.UTF_8)
                + new String(FirehoseEvents.data(answers.get(1)), StandardCharsets.UTF_8);
        assertThat(concatenated).endsWith("}\n");
        List<JsonNode> events = FirehoseEvents.jsonObjects(concatenated);
        assertThat(events).hasSize(4);

        JsonNode mapped = events.get(0);
        assertThat(concatenated).startsWith("{\"time\":"
                + BigDecimal.valueOf(SubscriptionEvents.FIRST_TIMESTAMP, 3).toPlainString() + ",");
        assertThat(mapped.get("source").asText()).isEqualTo("java");
        assertThat(mapped.get("sourcetype").asText()).isEqualTo("_json");
        assertThat(mapped.get("host").asText()).isEqualTo("ecs/api/0f1e");
        assertThat(mapped.at("/event/requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(mapped.at("/event/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(mapped.at("/fields/service").asText()).isEqualTo("fhir-api");
        assertThat(mapped.at("/fields/env").asText()).isEqualTo("prod");
        assertThat(mapped.at("/fields/team").asText()).isEqualTo("core");
        assertThat(mapped.at("/fields/logGroup").asText()).isEqualTo("/ecs/api");
        assertThat(events.get(1).get("event").asText()).isEqualTo("plain text line");

        JsonNode unmapped = events.get(2);
        assertThat(unmapped.get("source").asText()).isEqualTo("/ecs/worker");
        assertThat(unmapped.get("fields").has("service")).isFalse();
        assertThat(unmapped.get("fields").has("env")).isFalse();
    }

    @Test
    void sumoGetsJsonLinesCarryingWhatTheLambdaPathSendsAsHeaders() {
        JsonNode answers = answers("sumologic", Map.of());

        List<JsonNode> lines = lines(answers.get(0));
        assertThat(lines).hasSize(2);
        JsonNode line = lines.get(0);
        assertThat(line.get("msg").asText()).isEqualTo("Request served");
        assertThat(line.get("requestId").asText()).isEqualTo("5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        assertThat(line.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("logGroup").asText()).isEqualTo("/ecs/api");
        assertThat(line.get("logStream").asText()).isEqualTo("ecs/api/0f1e");
        assertThat(line.get("account").asText()).isEqualTo("123456789012");
        assertThat(line.get("service").asText()).isEqualTo("fhir-api");
        assertThat(line.get("env").asText()).isEqualTo("prod");
        assertThat(line.get("team").asText()).isEqualTo("core");
        // the line's own field wins over metadata of the same name
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(lines.get(1).get("message").asText()).isEqualTo("plain text line");

        JsonNode unmapped = lines(answers.get(1)).get(0);
        assertThat(unmapped.get("logGroup").asText()).isEqualTo("/ecs/worker");
        assertThat(unmapped.has("service")).isFalse();
        assertThat(unmapped.has("env")).isFalse();
    }

    /** forwarder.adoc: half of a surrogate pair on its own (escaped in CloudWatch's JSON) arrives as {@code ?}. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLoneSurrogateHalfArrivesAsAQuestionMarkAtEveryDestination(Vendor vendor) {
        String json = SubscriptionEvents.builder().lines("TEXT", "{\"level\":\"INFO\",\"msg\":\"JSON\"}").decodedJson()
                .replace("TEXT", "a\\ud800b\\udc00c").replace("JSON", "x\\udbffy");
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR,
                vendor.id())), new FirehoseEvents().recordData("r", Base64.getEncoder().encodeToString(
                        FirehoseEvents.gzip(json))).bytes());

        byte[] data = FirehoseEvents.data(answers.get(0));
        List<JsonNode> entries = switch (vendor) {
            case DATADOG -> {
                List<JsonNode> logs = new ArrayList<>();
                FirehoseEvents.gunzipJson(data).get("logEvents")
                        .forEach(e -> logs.add(parse(e.get("message").asText())));
                yield logs;
            }
            case SPLUNK -> FirehoseEvents.jsonObjects(new String(data, StandardCharsets.UTF_8));
            case SUMOLOGIC -> lines(answers.get(0));
        };
        assertThat(entries).extracting(e -> vendor == Vendor.SPLUNK ? e.get("event").toString() : e.toString())
                .allSatisfy(text -> assertThat(text).doesNotContain("\uFFFD"));
        String field = vendor == Vendor.SPLUNK ? "event" : "message";
        assertThat(entries.get(0).get(field).asText()).isEqualTo("a?b?c");
        assertThat(vendor == Vendor.SPLUNK ? entries.get(1).at("/event/msg").asText()
                : entries.get(1).get(vendor == Vendor.DATADOG ? "message" : "msg").asText()).isEqualTo("x?y");
    }

    static List<JsonNode> lines(JsonNode answer) {
        String text = new String(FirehoseEvents.data(answer), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return Arrays.stream(text.split("\n")).map(FirehoseWireFormatTest::parse).toList();
    }

    static JsonNode parse(String json) {
        try {
            return FirehoseEvents.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
