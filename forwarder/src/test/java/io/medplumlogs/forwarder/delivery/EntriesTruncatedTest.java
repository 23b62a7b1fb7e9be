package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.parse;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static io.medplumlogs.forwarder.delivery.OversizeEntryTest.incompressible;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code EntriesTruncated} counts every log event whose content reaches the vendor (or the DLQ) cut and marked,
 * whichever path cut it, and an event cut twice, or in several parts, once; and no DLQ message exceeds the SQS limit,
 * however the entry's bulk is spread.
 */
class EntriesTruncatedTest extends AbstractMotoTest {

    // Spelled out, not LogMessage.TRUNCATION_MARKER: the test checks the text a user sees. Like the other
    // @EnumSource(Vendor.class) delivery tests this class starts the fixture per vendor; the scenarios differ.
    static final String MARKER = "…[truncated by medplum-logs, original ";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    /**
     * A requestId longer than the limit: every part repeats it cut, the parts' text holds it whole. Nothing is lost,
     * so the event counts as split, not as truncated (EntriesTruncated's alarm says content was lost).
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void correlationFieldsCutWhereThePartsRepeatThemAreNoContentLost(Vendor vendor) throws IOException {
        startFixture(vendor);
        String longId = "r".repeat(vendor.limits().maxBytesPerEvent() + 1000);
        String line = "{\"level\":\"INFO\",\"msg\":\"huge id\",\"requestId\":\"" + longId + "\"}";
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("before", line, "after")
                .invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        List<String> texts = texts(entries);
        int last = texts.size() - 1;
        assertThat(texts).hasSizeGreaterThanOrEqualTo(4).startsWith("before").endsWith("after");
        assertThat(String.join("", texts.subList(1, last))).isEqualTo(line);
        for (JsonNode part : entries.subList(1, last)) {
            JsonNode marks = part.has("fields") ? part.get("fields") : part;
            assertThat(marks.get("requestId").asText()).startsWith("rrr")
                    .endsWith(MARKER + longId.length() + " bytes]");
        }
        JsonNode metrics = output.singleMetricsLine();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(1);
    }

    /**
     * Datadog and Splunk take 1 MB events: an incompressible one of 900 kB was cut to fit the DLQ message when its
     * chunk failed, and counted. It now goes in parts no bigger than a DLQ message holds whole: stored whole, nothing
     * counted as truncated.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void anEntryTooBigForOneDlqMessageIsSentInPartsAndStoredWhole(Vendor vendor) throws IOException {
        startFixture(vendor);
        fixture.vendor.enqueue(Answer.status(400));
        String noise = incompressible(900_000);
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder()
                .lines("first", noise, "last").invocation());

        List<String> stored = dlqTexts();
        assertThat(stored).startsWith("first").endsWith("last").noneMatch(t -> t.contains(MARKER));
        assertThat(String.join("", stored.subList(1, stored.size() - 1))).isEqualTo(noise);
        JsonNode metrics = output.singleMetricsLine();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(1);
    }

    /**
     * An incompressible 1.1 MB requestId: the line goes to Datadog in parts, each with the ID cut; the chunk fails, and
     * the parts are stored whole in the DLQ (none is bigger than a DLQ message holds whole). Nothing is lost there
     * either: split, not truncated.
     */
    @Test
    void anEntryWhoseRepeatedFieldsWereCutIsNotTruncatedWhenItsPartsGoToTheDlq() throws IOException {
        startFixture(Vendor.DATADOG);
        fixture.vendor.enqueue(Answer.status(400));
        String line = "{\"level\":\"INFO\",\"msg\":\"huge id\",\"requestId\":\"" + incompressible(1_100_000) + "\"}";
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder()
                .lines("first", line, "last").invocation());

        List<String> stored = dlqTexts();
        assertThat(stored).hasSizeGreaterThan(3).startsWith("first").endsWith("last");
        assertThat(String.join("", stored.subList(1, stored.size() - 1))).isEqualTo(line);
        JsonNode metrics = output.singleMetricsLine();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();
        assertThat(metrics.get(ForwarderMetrics.ENTRIES_SPLIT).asLong()).isEqualTo(1);
    }

    /**
     * The bulk of the entry in four fields of 200 kB and an array: cutting the longest value alone once left a message
     * moto refused, then the entry was stored with its small fields kept and the rest cut. At 800 kB it now goes in
     * parts of its text, each stored whole; redrive delivers the line whole.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void anEntryWhoseBulkIsSpreadOverManyValuesIsStoredWholeInParts(Vendor vendor) throws IOException {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400));
        String noise = incompressible(800_000);
        String spread = "{\"level\":\"ERROR\",\"msg\":\"spread\",\"requestId\":\"req-7\",\"a\":\""
                + noise.substring(0, 200_000) + "\",\"b\":\"" + noise.substring(200_000, 400_000) + "\",\"c\":\""
                + noise.substring(400_000, 600_000) + "\",\"d\":[\"" + noise.substring(600_000) + "\"]}";

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder()
                .lines("first", spread, "last").invocation());

        assertThat(out).contains("\"chunksDeadLettered\":1");
        List<String> messages = fixture.dlq.messages();
        messages.forEach(m -> assertThat(m.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ForwarderContract.DLQ_MAX_MESSAGE_BYTES));
        List<String> stored = dlqTexts();
        assertThat(String.join("", stored.subList(1, stored.size() - 1))).isEqualTo(spread);
        assertThat(output.singleMetricsLine().get(ForwarderMetrics.ENTRIES_TRUNCATED).asLong()).isZero();

        String redrive = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);
        assertThat(redrive).contains("\"redelivered\":" + messages.size(), "\"stillFailing\":0");
        List<String> delivered = texts(fixture.vendor.acceptedEntries());
        assertThat(String.join("", delivered.subList(1, delivered.size() - 1))).isEqualTo(spread);
        assertThat(fixture.dlq.count()).isZero();
    }

    List<JsonNode> dlqEntries() {
        List<JsonNode> stored = new ArrayList<>();
        fixture.dlq.messages().forEach(m -> stored.addAll(parse(DeadLetterCodec.decode(m).chunk().entries())));
        return stored;
    }

    List<String> dlqTexts() {
        return texts(dlqEntries());
    }

}
