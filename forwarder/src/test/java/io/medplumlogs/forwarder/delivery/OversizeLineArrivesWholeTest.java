package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.SplunkEventBytes;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A line above the vendor's per-event limit reaches the vendor whole: in parts, each within the limit, from which the
 * line can be put back byte for byte. It used to be cut to the limit with a marker, and the rest was lost (a 150 kB
 * stack trace at Sumo Logic kept its first 64 000 bytes).
 */
class OversizeLineArrivesWholeTest extends AbstractMotoTest {

    /**
     * Multi-byte text everywhere, so that any cut point falls next to (or inside, if it were wrong) a 2-, 3- and
     * 4-byte character: é, 中 and 😀 (a surrogate pair in Java), and characters JSON escapes (quote, backslash, tab,
     * line break) whose escaped form is longer than the character.
     */
    private static final String PLAIN_PIECE = "at org.hl7.fhir.Bundle.entry(Bundle.java:42) é中😀 \"q\" \\ \t\n";
    /** The same piece as a JSON string's content. */
    private static final String JSON_PIECE = "at org.hl7.fhir.Bundle.entry(Bundle.java:42) é中😀 \\\"q\\\" \\\\ \\t\\n";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void aLongJsonLineAndALongTextLineReachSumoLogicInPartsThatGiveThemBack() throws IOException {
        ForwarderHandler handler = start(Vendor.SUMOLOGIC);
        String json = jsonLine(200_000);
        String text = textLine(200_000);

        String out = ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("before", json, text, "after").invocation());

        assertThat(out).contains("\"chunksDeadLettered\":0");
        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertEntriesWithinTheLimit(Vendor.SUMOLOGIC);
        assertThat(texts(entries).get(0)).isEqualTo("before");
        assertThat(texts(entries).get(entries.size() - 1)).isEqualTo("after");
        // byte for byte, whatever the fields say: the texts between "before" and "after" put together are the lines
        List<String> between = texts(entries.subList(1, entries.size() - 1));
        assertThat(String.join("", between).equals(json + text))
                .as("texts between before and after, put together, are the two lines; %s entries arrived, ending %s",
                        between.size(), between.stream().map(OversizeLineArrivesWholeTest::ending).toList())
                .isTrue();
        Map<String, List<JsonNode>> split = partsByEvent(entries);
        assertThat(split).hasSize(2);
        List<JsonNode> jsonParts = split.get(String.format("%056d", 2));
        List<JsonNode> textParts = split.get(String.format("%056d", 3));
        assertThat(reassembled(jsonParts)).isEqualTo(json);
        assertThat(reassembled(textParts)).isEqualTo(text);
        // 200 000 bytes need at least four parts of 64 000
        assertThat(jsonParts).hasSizeBetween(4, 8);
        // every part of the JSON line lands at its severity and next to its request and trace
        jsonParts.forEach(part -> assertThat(part.get("level").asText()).isEqualTo("ERROR"));
        jsonParts.forEach(part -> assertThat(part.get("requestId").asText()).isEqualTo("req-42"));
        jsonParts.forEach(part -> assertThat(part.get("traceId").asText())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
        jsonParts.forEach(part -> assertThat(part.get("spanId").asText()).isEqualTo("00f067aa0ba902b7"));
        // in order, between the lines around them
        assertThat(entries).hasSize(2 + jsonParts.size() + textParts.size());
        assertThat(entries.subList(1, 1 + jsonParts.size())).isEqualTo(jsonParts);
        // nothing was cut
        assertThat(fixture.vendor.requests().get(0).body()).doesNotContain("truncated");

        JsonNode metrics = output.singleMetricsLine();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(2);
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_DELIVERED).asLong()).isEqualTo(4);
        assertThat(metrics.get(ForwarderMetrics.EVENTS_RECEIVED).asLong()).isEqualTo(4);
    }

    /**
     * Control characters take six bytes each in the entry ({@code \\u0001}): a part is sized by what it takes written,
     * not by its text, or the vendor would get parts above its limit.
     */
    @Test
    void aLineOfControlCharactersIsSplitByItsWrittenSize() throws IOException {
        ForwarderHandler handler = start(Vendor.SUMOLOGIC);
        String line = "binary: " + "\u0001\u001b[31m".repeat(20_000) + " end";

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(line).invocation());

        assertEntriesWithinTheLimit(Vendor.SUMOLOGIC);
        List<JsonNode> parts = fixture.vendor.acceptedEntries();
        // 20 000 × 16 bytes written (two escapes of six, then "[31m"): at least five parts of 64 000
        assertThat(parts).hasSizeGreaterThanOrEqualTo(5);
        assertThat(reassembled(partsByEvent(parts).get(String.format("%056d", 1)))).isEqualTo(line);
    }

    /**
     * A line of emoji only (each a surrogate pair, four bytes), shifted by 0 to 3 ASCII characters: wherever the limit
     * falls, one of the four lines has a pair right at the cut point. A part ending inside a pair would arrive with a
     * {@code ?} on each side of the seam.
     */
    @Test
    void aSurrogatePairAtTheCutPointStaysWhole() throws IOException {
        ForwarderHandler handler = start(Vendor.SUMOLOGIC);
        List<String> lines = new ArrayList<>();
        for (int shift = 0; shift < 4; shift++) {
            lines.add("x".repeat(shift) + "😀".repeat(20_000));
        }

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        Map<String, List<JsonNode>> split = partsByEvent(fixture.vendor.acceptedEntries());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(reassembled(split.get(String.format("%056d", i + 1)))).isEqualTo(lines.get(i));
        }
    }

    /** CloudWatch takes events up to 1 MB: above Datadog's and Splunk's 1 000 000 bytes per event. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void aLineAboveAMillionBytesReachesDatadogAndSplunkInParts(Vendor vendor) throws IOException {
        ForwarderHandler handler = start(vendor);
        String json = jsonLine(1_040_000);
        String text = textLine(1_040_000);

        ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("before", json, text, "after").invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertEntriesWithinTheLimit(vendor);
        Map<String, List<JsonNode>> split = partsByEvent(entries);
        assertThat(reassembled(split.get(String.format("%056d", 2)))).isEqualTo(json);
        assertThat(reassembled(split.get(String.format("%056d", 3)))).isEqualTo(text);
        // (two chunks in flight at once may arrive in either order: Splunk's 1 MB requests hold a few parts each)
        assertThat(texts(entries)).contains("before", "after");
        split.get(String.format("%056d", 2)).forEach(part -> assertThat(field(part, "requestId")).isEqualTo("req-42"));
        assertThat(output.singleMetricsLine().get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(2);
    }

    /**
     * Splunk keeps of an event only its sourcetype's {@code TRUNCATE}, 10 000 bytes by default (also for {@code _json}),
     * far below HEC's 1 MB: a 14 000-byte stack trace (under the extension's 16 KiB lines) reached Splunk as one event,
     * was cut there, and as a JSON event cut lost its fields as well. Lines above it go in parts now.
     */
    @Test
    void aLineAboveSplunksDefaultTruncateArrivesWholeInParts() throws IOException {
        ForwarderHandler handler = start(Vendor.SPLUNK);
        String json = jsonLine(14_000);
        String text = textLine(14_000);

        ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("before", json, text, "after").invocation());

        List<JsonNode> kept = fixture.vendor.acceptedEntries();
        Map<String, List<JsonNode>> split = partsByEvent(kept);
        assertThat(reassembled(split.get(String.format("%056d", 2)))).isEqualTo(json);
        assertThat(reassembled(split.get(String.format("%056d", 3)))).isEqualTo(text);
        split.get(String.format("%056d", 2)).forEach(part -> {
            assertThat(field(part, "level")).isEqualTo("ERROR");
            assertThat(field(part, "requestId")).isEqualTo("req-42");
        });
        assertThat(texts(kept).get(0)).isEqualTo("before");
        assertThat(texts(kept).get(kept.size() - 1)).isEqualTo("after");
        assertThat(output.singleMetricsLine().get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(2);
    }

    /** A Splunk whose sourcetype keeps longer events: the setting says so, and a long JSON line keeps its fields. */
    @Test
    void withSplunksTruncateRaisedALongJsonLineArrivesAsOneEventWithItsFields() throws IOException {
        startFixture(Vendor.SPLUNK);
        fixture.environment().put(SettingNames.SPLUNK_MAX_EVENT_BYTES, "100000");
        fixture.vendor.splunkTruncate(100_000);
        String json = jsonLine(60_000);

        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(json).invocation());

        List<JsonNode> kept = fixture.vendor.acceptedEntries();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("event").isObject()).isTrue();
        assertThat(kept.get(0).get("event")).isEqualTo(new ObjectMapper().readTree(json));
        assertThat(output.singleMetricsLine().get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isZero();
    }

    /**
     * A DLQ message keeps its entries as they were built, for up to 14 days: Splunk entries up to 180 000 bytes before
     * the per-event limit became {@code TRUNCATE} (or while {@code MEDPLUM_LOGS_SPLUNK_MAX_EVENT_BYTES} was higher
     * than it is now). Redriven as stored, Splunk cut each to its 10 000 bytes: the rest of the line was lost although
     * the message was deleted. Redrive sends such an entry in parts: a whole line as any split line, a stored part of a
     * longer line in parts whose {@code partOf} is {@code <partOf>.<part>}.
     */
    @Test
    void splunkEntriesStoredAboveTheLimitTheForwarderHasNowAreRedrivenInParts() throws IOException {
        startFixture(Vendor.SPLUNK);
        fixture.environment().put(SettingNames.SPLUNK_MAX_EVENT_BYTES, "100000");
        fixture.vendor.splunkTruncate(100_000);
        AtomicBoolean refusing = new AtomicBoolean(true);
        fixture.vendor.failWhen(request -> refusing.get(), 503);
        String json = jsonLine(60_000);
        String text = textLine(30_000);
        String longer = textLine(150_000); // two parts of up to 100 000 bytes

        ForwarderFixture.invoke(fixture.handler(),
                SubscriptionEvents.builder().lines(json, text, longer).invocation());
        assertThat(fixture.dlq.count()).isPositive();

        // the limit as it is now: Splunk's default TRUNCATE, the forwarder's default
        refusing.set(false);
        fixture.environment().remove(SettingNames.SPLUNK_MAX_EVENT_BYTES);
        fixture.vendor.splunkTruncate(SplunkEventBytes.DEFAULT);
        String redrive = ForwarderFixture.invoke(fixture.handler(), ForwarderContract.REDRIVE_EVENT);

        assertThat(redrive).contains("\"stillFailing\":0");
        assertThat(fixture.dlq.count()).isZero();
        assertEntriesWithinTheLimit(Vendor.SPLUNK);
        List<JsonNode> kept = fixture.vendor.acceptedEntries();
        List<List<JsonNode>> split = new ArrayList<>(partsByEvent(kept).values());
        assertThat(split).as("split events at the vendor").hasSize(4);
        assertThat(reassembled(split.get(0))).isEqualTo(json);
        assertThat(reassembled(split.get(1))).isEqualTo(text);
        String longerId = String.format("%056d", 3);
        assertThat(field(split.get(2).get(0), SplitEntryFields.PART_OF)).isEqualTo(longerId + ".1");
        assertThat(field(split.get(3).get(0), SplitEntryFields.PART_OF)).isEqualTo(longerId + ".2");
        assertThat(reassembled(split.get(2)) + reassembled(split.get(3))).isEqualTo(longer);
        split.get(0).forEach(part -> assertThat(field(part, "requestId")).isEqualTo("req-42"));
        split.get(0).forEach(part -> assertThat(field(part, "logGroup")).isEqualTo(field(kept.get(0), "logGroup")));
    }

    /**
     * A chunk holding parts fails and goes to the DLQ; redrive delivers it. Splunk's 1 MB requests cannot hold all parts
     * of a 1 MB line, so its parts are in consecutive chunks and only some of them fail: the line is whole at the vendor
     * after the redrive, and was not counted delivered before it.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void partsOfAChunkThatGoesToTheDlqAreDeliveredByTheRedrive(Vendor vendor) throws IOException {
        ForwarderHandler handler = start(vendor);
        // Splunk: a line above one 1 MB request, so that its parts take two chunks
        String text = textLine(vendor == Vendor.SPLUNK ? 1_040_000 : vendor.limits().maxBytesPerEvent() + 40_000);
        fixture.vendor.enqueue(Answer.status(400));

        String out = ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("before", text, "after").invocation());

        assertThat(out).contains("\"chunksDeadLettered\":1");
        // Splunk: the first chunk (before, the first parts) failed, the second (the last parts, after) was delivered:
        // one event is whole at the vendor, "after"; the line is not, though its last part is
        JsonNode metrics = output.singleMetricsLine();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_DELIVERED).asLong()).isEqualTo(vendor == Vendor.SPLUNK ? 1 : 0);
        assertThat(metrics.get(ForwarderMetrics.EVENTS_RECEIVED).asLong()).isEqualTo(3);

        String redrive = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(redrive).contains("\"stillFailing\":0");
        assertThat(fixture.dlq.count()).isZero();
        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(texts(entries)).contains("before", "after");
        assertThat(reassembled(partsByEvent(entries).get(String.format("%056d", 2)))).isEqualTo(text);
    }

    /**
     * A 1 MB line of incompressible text (base64 of a binary, say) whose chunk fails: its parts go to the DLQ. A part
     * near Datadog's or Splunk's 1 000 000 bytes did not fit one 256 KiB DLQ message even gzipped and was stored cut
     * there, so the redriven line missed most of that part. Parts are at most what a DLQ message always holds whole.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void incompressiblePartsOfAFailedChunkAreStoredWholeInTheDlq(Vendor vendor) throws IOException {
        ForwarderHandler handler = start(vendor);
        String noise = OversizeEntryTest.incompressible(1_040_000);
        AtomicBoolean refusing = new AtomicBoolean(true);
        fixture.vendor.failWhen(request -> refusing.get(), 400);

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("before", noise, "after").invocation());
        refusing.set(false);

        assertThat(fixture.dlq.messages()).isNotEmpty().noneMatch(m -> DeadLetterCodec.decode(m).chunk().entries()
                .stream().anyMatch(entry -> entry.contains("truncated by medplum-logs")));
        assertThat(output.singleMetricsLine().get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();

        String redrive = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(redrive).contains("\"stillFailing\":0");
        assertThat(reassembled(partsByEvent(fixture.vendor.acceptedEntries()).get(String.format("%056d", 2))))
                .isEqualTo(noise);
    }

    /** Each accepted entry, as the vendor received it, is within the vendor's per-event limit. */
    private void assertEntriesWithinTheLimit(Vendor vendor) {
        int limit = vendor.limits().maxBytesPerEvent();
        for (FakeVendor.Request request : fixture.vendor.accepted()) {
            List<String> sent = vendor == Vendor.DATADOG
                    ? request.entries().stream().map(JsonNode::toString).toList()
                    : List.of(request.body().split("\n"));
            sent.forEach(entry -> assertThat(entry.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(limit));
        }
    }

    /** The parts of each split event by its id, in the order received. */
    private static Map<String, List<JsonNode>> partsByEvent(List<JsonNode> entries) {
        Map<String, List<JsonNode>> parts = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            String of = field(entry, SplitEntryFields.PART_OF);
            if (of != null) {
                parts.computeIfAbsent(of, id -> new ArrayList<>()).add(entry);
            }
        }
        return parts;
    }

    /** The parts' texts in part order, checking that part numbers run 1..parts and each says how many there are. */
    private static String reassembled(List<JsonNode> parts) {
        assertThat(parts).as("parts of the event").isNotNull().hasSizeGreaterThan(1);
        List<JsonNode> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(p -> Integer.parseInt(field(p, SplitEntryFields.PART))));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < ordered.size(); i++) {
            assertThat(field(ordered.get(i), SplitEntryFields.PART)).isEqualTo(String.valueOf(i + 1));
            assertThat(field(ordered.get(i), SplitEntryFields.PARTS)).isEqualTo(String.valueOf(ordered.size()));
            line.append(texts(List.of(ordered.get(i))).get(0));
        }
        return line.toString();
    }

    /** The last characters of a text, for a failure message that does not print 200 000 of them. */
    private static String ending(String text) {
        return "…" + text.substring(Math.max(0, text.length() - 60));
    }

    /** A field of the entry, or of its indexed fields (Splunk), as text; null when absent. */
    private static String field(JsonNode entry, String name) {
        JsonNode value = entry.has(name) ? entry.get(name) : entry.path("fields").get(name);
        return value == null ? null : value.asText();
    }

    /** A JSON line from our extension, {@code bytes} UTF-8 bytes long, its bulk a stack trace. */
    static String jsonLine(int bytes) {
        String head = "{\"timestamp\":\"2026-12-05T10:00:00.000Z\",\"level\":\"ERROR\","
                + "\"msg\":\"Bundle failed é中😀\",\"logger\":\"org.hl7.fhir.Bundle\",\"requestId\":\"req-42\","
                + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"spanId\":\"00f067aa0ba902b7\",\"stack\":\"";
        String tail = "\"}";
        return head + filled(JSON_PIECE, bytes - utf8(head) - utf8(tail)) + tail;
    }

    /** A plain-text line (a stack trace printed as it is), {@code bytes} UTF-8 bytes long. */
    static String textLine(int bytes) {
        String head = "java.lang.IllegalStateException: Bundle failed é中😀\n";
        return head + filled(PLAIN_PIECE, bytes - utf8(head) - 1) + "x";
    }

    /** {@code piece} repeated to exactly {@code bytes} UTF-8 bytes, made up with ASCII at the end. */
    private static String filled(String piece, int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        int size = 0;
        int pieceBytes = utf8(piece);
        while (size + pieceBytes <= bytes) {
            text.append(piece);
            size += pieceBytes;
        }
        return text.append("y".repeat(bytes - size)).toString();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
