package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.SplunkEventBytes;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A line above the vendor's per-event limit goes through the Firehose transform as it goes through the Lambda path: in
 * parts, each an entry of its own in the one record of its batch, which give the line back. One record in stays one
 * record out; the record simply holds more entries.
 */
class FirehoseSplitLineTest {

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLineAboveThePerEventLimitIsInTheRecordInParts(Vendor vendor) {
        String line = "java.lang.IllegalStateException: é中😀\n"
                + "\tat org.hl7.fhir.Bundle.entry(Bundle.java:42) é中😀\n".repeat(vendor.limits().maxBytesPerEvent() / 50)
                + "\t... 12 more";
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, vendor.id(),
                        SettingNames.SUMOLOGIC_FIELDS, "team=fhir,env=prod")),
                new FirehoseEvents().record("r1", SubscriptionEvents.builder().lines("before", line, "after")).bytes());

        assertThat(answers.get(0).get("result").asText()).isEqualTo(FirehoseResponse.OK);
        List<Entry> entries = entries(vendor, answers.get(0));
        assertThat(entries).hasSizeGreaterThan(3);
        assertThat(entries.get(0).text()).isEqualTo("before");
        assertThat(entries.get(entries.size() - 1).text()).isEqualTo("after");
        StringBuilder whole = new StringBuilder();
        List<Entry> parts = entries.subList(1, entries.size() - 1);
        for (int i = 0; i < parts.size(); i++) {
            Entry part = parts.get(i);
            assertThat(mark(part.entry(), SplitEntryFields.PART)).isEqualTo(String.valueOf(i + 1));
            assertThat(mark(part.entry(), SplitEntryFields.PARTS)).isEqualTo(String.valueOf(parts.size()));
            assertThat(mark(part.entry(), SplitEntryFields.PART_OF)).isEqualTo(String.format("%056d", 2));
            whole.append(part.text());
        }
        assertThat(whole.toString()).isEqualTo(line);
        if (vendor == Vendor.DATADOG) {
            // each logEvents element's id comes from the CloudWatch event's: "after" is still the third
            assertThat(parts).allSatisfy(part -> assertThat(part.eventId()).startsWith(String.format("%056d", 2)));
            assertThat(entries.get(entries.size() - 1).eventId()).isEqualTo(String.format("%056d", 3));
        }
        // each part within the limit as the destination gets it: for Sumo Logic with the keys that stand in for the
        // Lambda path's X-Sumo-Fields header (log group, stream, account, the function-wide fields)
        parts.forEach(part -> assertThat(part.entry().toString().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(vendor.limits().maxBytesPerEvent()));
        if (vendor == Vendor.SUMOLOGIC) {
            assertThat(parts).allSatisfy(part -> assertThat(part.entry().get("logGroup").asText())
                    .isEqualTo("/ecs/medplum-fhir"));
            assertThat(parts).allSatisfy(part -> assertThat(part.entry().get("team").asText()).isEqualTo("fhir"));
        }
    }

    /** Firehose delivers to the same Splunk, which cuts an event above its sourcetype's TRUNCATE (10 000 bytes). */
    @Test
    void aSplunkLineAboveItsDefaultTruncateGoesInPartsOverFirehoseToo() {
        String line = "{\"level\":\"ERROR\",\"msg\":\"bundle\",\"requestId\":\"req-9\",\"stack\":\""
                + "y".repeat(14_000) + "\"}";
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, Vendor.SPLUNK.id())),
                new FirehoseEvents().record("r1", SubscriptionEvents.builder().lines(line)).bytes());

        assertThat(answers.get(0).get("result").asText()).isEqualTo(FirehoseResponse.OK);
        List<Entry> parts = entries(Vendor.SPLUNK, answers.get(0));
        assertThat(parts).hasSizeGreaterThanOrEqualTo(2);
        StringBuilder whole = new StringBuilder();
        for (Entry part : parts) {
            assertThat(part.entry().toString().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(SplunkEventBytes.DEFAULT);
            whole.append(part.entry().get("event").asText());
        }
        assertThat(whole.toString()).isEqualTo(line);
    }

    /**
     * Firehose keeps a record it could not deliver whole in its S3 backup: no forwarder DLQ, so no reason to split
     * below the vendor's own limit. A 300 kB JSON line goes to Datadog and Splunk whole, as fields, as it did before
     * the Lambda path began to split above what one DLQ message holds (Splunk: with its sourcetype's TRUNCATE raised
     * to 1 MB, {@value SettingNames#SPLUNK_MAX_EVENT_BYTES}).
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void aLineUnderTheVendorsLimitIsOneEntryEvenAboveWhatADlqMessageHolds(Vendor vendor) {
        String line = "{\"level\":\"INFO\",\"msg\":\"bundle\",\"requestId\":\"req-9\",\"bundle\":\""
                + "x".repeat(300_000) + "\"}";
        JsonNode answers = FirehoseEvents.invoke(
                new FirehoseTransformHandler(Map.of(ForwarderContract.ENV_VENDOR, vendor.id(),
                        SettingNames.SPLUNK_MAX_EVENT_BYTES, String.valueOf(SplunkEventBytes.MAX))),
                new FirehoseEvents().record("r1", SubscriptionEvents.builder().lines("before", line, "after")).bytes());

        assertThat(answers.get(0).get("result").asText()).isEqualTo(FirehoseResponse.OK);
        List<Entry> entries = entries(vendor, answers.get(0));
        assertThat(entries).hasSize(3);
        JsonNode whole = entries.get(1).entry();
        JsonNode fields = vendor == Vendor.SPLUNK ? whole.get("event") : whole;
        assertThat(fields.get("bundle").asText()).hasSize(300_000);
        assertThat(mark(whole, SplitEntryFields.PART)).isEmpty();
    }

    /**
     * Each logEvents element of a split line is a log of its own at Datadog, and CloudWatch gives every element of a
     * payload its own id: an intake keyed on it (dropping Firehose's redelivered records as duplicates, say) would keep
     * one part and lose the others if all parts carried the event's id. So each part has its own id, the same every
     * time the record is transformed, a decimal string as CloudWatch's are: the first part the event's id, part k the
     * event's id followed by k. {@code partOf} keeps the event's id on every part.
     */
    @org.junit.jupiter.api.Test
    void eachPartOfASplitLineHasItsOwnStableLogEventsId() {
        String line = "y".repeat(Vendor.DATADOG.limits().maxBytesPerEvent() * 5 / 2);
        byte[] record = new FirehoseEvents().record("r1", SubscriptionEvents.builder().lines("before", line, "after"))
                .bytes();
        FirehoseTransformHandler handler = new FirehoseTransformHandler(
                Map.of(ForwarderContract.ENV_VENDOR, Vendor.DATADOG.id()));

        List<Entry> entries = entries(Vendor.DATADOG, FirehoseEvents.invoke(handler, record).get(0));
        List<Entry> again = entries(Vendor.DATADOG, FirehoseEvents.invoke(handler, record).get(0));

        String eventId = String.format("%056d", 2);
        List<Entry> parts = entries.subList(1, entries.size() - 1);
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(Entry::eventId).containsExactly(eventId, eventId + "2", eventId + "3");
        assertThat(parts).allSatisfy(part -> assertThat(mark(part.entry(), SplitEntryFields.PART_OF))
                .isEqualTo(eventId));
        assertThat(entries).extracting(Entry::eventId).doesNotHaveDuplicates();
        assertThat(again).extracting(Entry::eventId).isEqualTo(entries.stream().map(Entry::eventId).toList());
    }

    /** An entry as the destination reads it, and for Datadog the id of the logEvents element that holds it. */
    private record Entry(JsonNode entry, String text, String eventId) {
    }

    private static List<Entry> entries(Vendor vendor, JsonNode answer) {
        List<Entry> entries = new ArrayList<>();
        switch (vendor) {
            case DATADOG -> FirehoseEvents.gunzipJson(FirehoseEvents.data(answer)).get("logEvents").forEach(e -> {
                JsonNode log = FirehoseWireFormatTest.parse(e.get("message").asText());
                entries.add(new Entry(log, log.get("message").asText(), e.get("id").asText()));
            });
            case SPLUNK -> FirehoseEvents.jsonObjects(new String(FirehoseEvents.data(answer), StandardCharsets.UTF_8))
                    .forEach(e -> entries.add(new Entry(e, e.get("event").asText(), null)));
            case SUMOLOGIC -> FirehoseWireFormatTest.lines(answer)
                    .forEach(e -> entries.add(new Entry(e, e.get("message").asText(), null)));
        }
        return entries;
    }

    private static String mark(JsonNode entry, String name) {
        return (entry.has("fields") ? entry.get("fields") : entry).path(name).asText();
    }
}
