package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.forwarder.InvalidSettingException;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Firehose record contract: every recordId answered once, in order, with the right result. */
class FirehoseTransformTest {

    static final Map<String, String> SPLUNK = Map.of(ForwarderContract.ENV_VENDOR, "splunk",
            ForwarderContract.ENV_OWN_LOG_GROUP, "/aws/lambda/medplum-logs-firehose-transform");

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void okRecordCarriesTheTransformedData() {
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("r1", SubscriptionEvents.builder().lines("hello")).bytes());

        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get("recordId").asText()).isEqualTo("r1");
        assertThat(answers.get(0).get("result").asText()).isEqualTo("Ok");
        assertThat(new String(FirehoseEvents.data(answers.get(0)), StandardCharsets.UTF_8)).contains("\"hello\"");
    }

    @Test
    void controlMessageIsDropped() {
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("control", SubscriptionEvents.controlMessage()).bytes());

        assertThat(answers.get(0).get("result").asText()).isEqualTo("Dropped");
        assertThat(answers.get(0).has("data")).isFalse();
    }

    @Test
    void ownLogGroupIsDroppedAndSaidOnce() throws Exception {
        SubscriptionEvents own = SubscriptionEvents.builder().logGroup("/aws/lambda/medplum-logs-firehose-transform")
                .lines("Transformed Firehose records");
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK),
                new FirehoseEvents().record("a", own).record("b", own).bytes());

        assertThat(answers.findValuesAsText("result")).containsExactly("Dropped", "Dropped");
        assertThat(output.lines()).filteredOn(l -> l.get("msg").asText().startsWith("Not forwarding")).hasSize(1);
    }

    @Test
    void undecodableRecordsFailAloneWithTheReasonLogged() throws Exception {
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("good-1", SubscriptionEvents.builder().lines("one"))
                .recordData("not-gzip", Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8)))
                .recordData("not-json", Base64.getEncoder().encodeToString(FirehoseEvents.gzip("{oops")))
                .recordData("not-base64", "!!!")
                .record("other-type", SubscriptionEvents.builder().messageType("SOMETHING_ELSE").lines("x"))
                .record("good-2", SubscriptionEvents.builder().lines("two"))
                .bytes());

        assertThat(answers.findValuesAsText("recordId"))
                .containsExactly("good-1", "not-gzip", "not-json", "not-base64", "other-type", "good-2");
        assertThat(answers.findValuesAsText("result"))
                .containsExactly("Ok", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed",
                        "Ok");
        List<JsonNode> warnings = output.lines().stream()
                .filter(l -> l.get("msg").asText().startsWith("Firehose record not transformed")).toList();
        assertThat(warnings).extracting(w -> w.get("recordId").asText())
                .containsExactly("not-gzip", "not-json", "not-base64", "other-type");
        assertThat(warnings.get(0).get("reason").asText()).startsWith("record data is not gzip-compressed JSON");
        assertThat(warnings.get(3).get("reason").asText())
                .isEqualTo("messageType 'SOMETHING_ELSE' is neither DATA_MESSAGE nor CONTROL_MESSAGE");
        JsonNode summary = output.lines().stream()
                .filter(l -> l.get("msg").asText().equals("Transformed Firehose records")).findFirst().orElseThrow();
        assertThat(summary.get("ok").asInt()).isEqualTo(2);
        assertThat(summary.get("processingFailed").asInt()).isEqualTo(4);
        assertThat(summary.get("awsRequestId").asText()).isNotEmpty();
    }

    @Test
    void aBatchWithoutEventsIsDroppedAndDataThatIsNoCloudWatchPayloadFails() throws Exception {
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .recordData("no-events", gzipped("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/ecs/api\","
                        + "\"logStream\":\"s\",\"logEvents\":[]}"))
                .recordData("control-without-events", gzipped("{\"messageType\":\"CONTROL_MESSAGE\","
                        + "\"logGroup\":\"\"}"))
                .recordData("empty", "")
                .recordData("gzipped-empty", gzipped(""))
                .recordData("json-array", gzipped("[]"))
                .recordData("no-log-events", gzipped("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/ecs/api\"}"))
                .recordData("not-gzipped", Base64.getEncoder().encodeToString(
                        SubscriptionEvents.builder().lines("x").decodedJson().getBytes(StandardCharsets.UTF_8)))
                .record("good", SubscriptionEvents.builder().lines("good")).bytes());

        assertThat(answers.findValuesAsText("result")).containsExactly("Dropped", "Dropped", "ProcessingFailed",
                "ProcessingFailed", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed", "Ok");
        assertThat(output.lines()).filteredOn(l -> l.get("msg").asText().startsWith("Firehose record not transformed"))
                .extracting(l -> l.get("recordId").asText())
                .containsExactly("empty", "gzipped-empty", "json-array", "no-log-events", "not-gzipped");
    }

    @Test
    void recordsWhosePartsPassTheResponseLimitFailAloneAndTheOthersStayWhole() throws Exception {
        // each record is one 500 kB line, 8 Sumo Logic parts with their fields: what a record answers is larger than
        // what it brought, and all of them together pass 6 MB; a small record at the end still fits
        FirehoseEvents event = new FirehoseEvents();
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String line = randomText(500_000).substring(i) + i;
            ids.add("record-" + i);
            lines.add(line);
            event.record("record-" + i, SubscriptionEvents.builder().lines(line));
        }
        ids.add("small");
        event.record("small", SubscriptionEvents.builder().lines("small"));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, "sumologic"))
                .handleRequest(new ByteArrayInputStream(event.bytes()), response, new TestContext(300_000));

        assertThat(response.size()).isLessThanOrEqualTo(FirehoseResponse.MAX_BYTES);
        JsonNode answers = FirehoseWireFormatTest.parse(response.toString(StandardCharsets.UTF_8)).get("records");
        assertThat(answers.findValuesAsText("recordId")).containsExactlyElementsOf(ids);
        List<String> results = answers.findValuesAsText("result");
        assertThat(results.subList(0, 12)).contains("Ok", "ProcessingFailed");
        assertThat(results.get(12)).isEqualTo("Ok");
        for (int i = 0; i < 12; i++) {
            if (results.get(i).equals("Ok")) {
                StringBuilder whole = new StringBuilder();
                FirehoseWireFormatTest.lines(answers.get(i))
                        .forEach(part -> whole.append(part.get("message").asText()));
                assertThat(whole.toString()).isEqualTo(lines.get(i));
            } else {
                assertThat(answers.get(i).has("data")).isFalse();
            }
        }
    }

    @Test
    void everyRecordIdIsAnsweredOnceInOrder() {
        FirehoseEvents event = new FirehoseEvents();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "49546986683135544286507457936321625675700192471156785154-" + i;
            ids.add(id);
            if (i % 7 == 3) {
                event.record(id, SubscriptionEvents.controlMessage());
            } else {
                event.record(id, SubscriptionEvents.builder().lines("line " + i));
            }
        }
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), event.bytes());

        assertThat(answers.findValuesAsText("recordId")).containsExactlyElementsOf(ids);
    }

    @Test
    void nonAsciiSurvivesAsUtf8() {
        String text = "Patientin Müller – 患者 👩‍⚕️ ok";
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("r1", SubscriptionEvents.builder().lines(text)).bytes());

        JsonNode hec = FirehoseEvents.jsonObjects(new String(FirehoseEvents.data(answers.get(0)),
                StandardCharsets.UTF_8)).get(0);
        assertThat(hec.get("event").asText()).isEqualTo(text);
    }

    @Test
    void recordThatCannotFitTheResponseFailsSoFirehoseBacksItUp() throws Exception {
        // 8 events of 900 kB each: each fits Splunk's per-event limit, together they are far beyond 6 MB
        String big = randomText(900_000);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(big);
        }
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("small-before", SubscriptionEvents.builder().lines("before"))
                .record("too-big", SubscriptionEvents.builder().lines(lines))
                .record("small-after", SubscriptionEvents.builder().lines("after")).bytes());

        assertThat(answers.findValuesAsText("result")).containsExactly("Ok", "ProcessingFailed", "Ok");
        assertThat(answers.get(1).has("data")).isFalse();
        JsonNode warning = output.lines().stream()
                .filter(l -> l.get("msg").asText().startsWith("Firehose record not transformed")).findFirst()
                .orElseThrow();
        assertThat(warning.get("recordId").asText()).isEqualTo("too-big");
        assertThat(warning.get("reason").asText()).contains("does not fit Firehose's 6000000-byte response");
    }

    @Test
    void recordsBeyondTheResponseBudgetFailWhileEarlierOnesAreKept() {
        // a small budget stands in for 6 MB: two records fit, the third would not, the fourth (dropped) still answers
        FirehoseTransformHandler handler = new FirehoseTransformHandler(SPLUNK, 2_000);
        JsonNode answers = FirehoseEvents.invoke(handler, new FirehoseEvents()
                .record("a", SubscriptionEvents.builder().lines("x".repeat(300)))
                .record("b", SubscriptionEvents.builder().lines("y".repeat(300)))
                .record("c", SubscriptionEvents.builder().lines("z".repeat(300)))
                .record("d", SubscriptionEvents.controlMessage()).bytes());

        assertThat(answers.findValuesAsText("result")).containsExactly("Ok", "Ok", "ProcessingFailed", "Dropped");
        assertThat(answers.toString().length() + "{\"records\":}".length()).isLessThanOrEqualTo(2_000);
    }

    @Test
    void anEmptyBatchIsAnsweredWithNoRecords() throws Exception {
        // Firehose matches the answer's records to the invocation's: none in, none out, and no failed invocation
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        new FirehoseTransformHandler(SPLUNK).handleRequest(new ByteArrayInputStream(
                "{\"invocationId\":\"i\",\"records\":[]}".getBytes(StandardCharsets.UTF_8)), response,
                new TestContext(300_000));

        assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{\"records\":[]}");
        assertThat(output.lines()).noneSatisfy(l -> assertThat(l.get("level").asText()).isIn("WARN", "ERROR"));
    }

    @Test
    void cloudWatchSubscriptionEventIsNotAFirehoseEvent() throws Exception {
        FirehoseTransformHandler handler = new FirehoseTransformHandler(SPLUNK);
        byte[] lambdaEvent = SubscriptionEvents.builder().lines("x").invocation();

        assertThatThrownBy(() -> FirehoseEvents.invoke(handler, lambdaEvent))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("not a Firehose data-transformation event: no records array (this is a CloudWatch Logs"
                        + " subscription event: subscribe " + ForwarderContract.HANDLER + " instead)");
        assertThat(output.lines()).anySatisfy(l -> assertThat(l.get("level").asText()).isEqualTo("ERROR"));
    }

    @Test
    void recordWithoutIdFailsTheInvocationClearly() {
        FirehoseTransformHandler handler = new FirehoseTransformHandler(SPLUNK);

        assertThatThrownBy(() -> FirehoseEvents.invoke(handler,
                "{\"records\":[{\"recordId\":\"a\",\"data\":\"\"},{\"data\":\"\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("not a Firehose data-transformation event: record 2 of 2 has no recordId string");
        assertThatThrownBy(() -> FirehoseEvents.invoke(handler, "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("invocation payload is not JSON");
    }

    @Test
    void badMappingFailsTheColdStartNamingTheVariable() {
        assertThatThrownBy(() -> new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, "datadog",
                ForwarderContract.ENV_LOG_GROUP_MAPPING, "/ecs/api=servce:x")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(ForwarderContract.ENV_LOG_GROUP_MAPPING
                        + ": entry 1 '/ecs/api=servce:x': unknown key 'servce' (keys: service, source, tags)");
        assertThatThrownBy(() -> new FirehoseTransformHandler(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(ForwarderContract.ENV_VENDOR + ": required but not set");
    }

    @Test
    void recordThatDecompressesBeyondTheLimitFailsAloneInsteadOfExhaustingMemory() throws Exception {
        // a valid payload padded with whitespace: 1 MB of gzip (Firehose's record limit) can inflate to 1 GB
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/bomb\","
                    + "\"logStream\":\"s\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,"
                    + "\"message\":\"m\"}]").getBytes(StandardCharsets.UTF_8));
            byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 40; i++) {
                gzip.write(spaces);
            }
            gzip.write('}');
        }
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK), new FirehoseEvents()
                .record("before", SubscriptionEvents.builder().lines("before"))
                .recordData("bomb", Base64.getEncoder().encodeToString(gzipped.toByteArray()))
                .record("after", SubscriptionEvents.builder().lines("after")).bytes());

        assertThat(answers.findValuesAsText("result")).containsExactly("Ok", "ProcessingFailed", "Ok");
        JsonNode warning = output.lines().stream()
                .filter(l -> l.get("msg").asText().startsWith("Firehose record not transformed")).findFirst()
                .orElseThrow();
        assertThat(warning.get("recordId").asText()).isEqualTo("bomb");
        assertThat(warning.get("reason").asText()).isEqualTo("record data decompresses to more than "
                + FirehoseTransformHandler.MAX_DECOMPRESSED_BYTES + " bytes");
    }

    @Test
    void recordIdsAreAnsweredExactlyAsSentEvenWhenNotAscii() {
        // Firehose matches answers to records by recordId: one changed on the way out fails the whole invocation
        String event = new String(new FirehoseEvents()
                .record("LONE", SubscriptionEvents.builder().lines("one"))
                .record("WIDE", SubscriptionEvents.builder().lines("two")).bytes(), StandardCharsets.UTF_8)
                .replace("\"LONE\"", "\"a\\ud800b\"").replace("\"WIDE\"", "\"r\u00e9-\u60a3-\\u0001\"");
        JsonNode answers = FirehoseEvents.invoke(new FirehoseTransformHandler(SPLUNK),
                event.getBytes(StandardCharsets.UTF_8));

        assertThat(answers.findValuesAsText("recordId")).containsExactly("a\ud800b", "r\u00e9-\u60a3-\u0001");
        assertThat(answers.findValuesAsText("result")).containsExactly("Ok", "Ok");
    }

    private static String gzipped(String json) {
        return Base64.getEncoder().encodeToString(FirehoseEvents.gzip(json));
    }

    static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString().replace('"', '#').replace('\\', '/');
    }
}
