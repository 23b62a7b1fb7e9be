package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.parse;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One oversize entry never fails its batch: at the vendor it arrives in parts (its correlation fields cut when they
 * alone are too long), in the DLQ it is cut and marked when it does not fit one message, for every vendor.
 */
class OversizeEntryTest extends AbstractMotoTest {

    // Spelled out, not LogMessage.TRUNCATION_MARKER: the test checks the text a user sees. Like the other
    // @EnumSource(Vendor.class) delivery tests this class starts the fixture per vendor; the scenarios differ.
    static final String MARKER = "…[truncated by medplum-logs, original ";

    /**
     * Sumo's 64 000-byte limit used to throw here: nothing sent, nothing dead-lettered, the invocation failed. Now the
     * ID is cut where each part repeats it, and the line itself, which holds it whole, arrives in parts.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLineWhoseCorrelationFieldsAloneExceedThePerEventLimitIsDeliveredWholeInParts(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        int limit = vendor.limits().maxBytesPerEvent();
        String longId = "r".repeat(limit + 1000);
        String oversize = "{\"level\":\"INFO\",\"msg\":\"huge id\",\"requestId\":\"" + longId + "\"}";

        String out = ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("before", oversize, "after").invocation());

        // three log events delivered, one of them in several entries
        assertThat(out).contains("\"chunksDeadLettered\":0", "\"entriesDelivered\":3");
        assertThat(fixture.dlq.count()).isZero();
        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(4);
        int last = entries.size() - 1;
        assertThat(texts(List.of(entries.get(0), entries.get(last)))).containsExactly("before", "after");
        assertThat(String.join("", texts(entries.subList(1, last)))).isEqualTo(oversize);
        for (JsonNode part : entries.subList(1, last)) {
            String entry = part.toString();
            assertThat(entry.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
            assertThat(entry).contains(MARKER + (longId.length()) + " bytes]");
        }
    }

    /**
     * An incompressible line near the vendor's per-event limit (Datadog's and Splunk's 1 MB) is bigger than one SQS
     * message even gzipped: it was stored in the DLQ cut when its chunk failed, the one way left to lose a line. It is
     * now sent in parts of at most what one DLQ message always holds whole, so a failed chunk stores every part whole
     * and redrive delivers the line whole.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLineTooBigForOneDlqMessageIsStoredWholeInPartsAndRedrivenWhole(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400));
        String noise = incompressible(Math.min(900_000, vendor.limits().maxBytesPerEvent() - 2_000));

        String out = ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("first", noise, "last").invocation());

        assertThat(out).contains("\"chunksDeadLettered\":1");
        List<String> messages = fixture.dlq.messages();
        messages.forEach(m -> assertThat(m.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ForwarderContract.DLQ_MAX_MESSAGE_BYTES));
        List<JsonNode> stored = new ArrayList<>();
        messages.forEach(m -> stored.addAll(parse(DeadLetterCodec.decode(m).chunk().entries())));
        List<String> storedTexts = texts(stored);
        assertThat(storedTexts).startsWith("first").endsWith("last");
        assertThat(String.join("", storedTexts.subList(1, storedTexts.size() - 1))).isEqualTo(noise);

        // and redrive delivers the line whole
        String redrive = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);
        assertThat(redrive).contains("\"redelivered\":" + messages.size(), "\"stillFailing\":0");
        List<String> delivered = texts(fixture.vendor.acceptedEntries());
        assertThat(delivered).startsWith("first").endsWith("last");
        assertThat(String.join("", delivered.subList(1, delivered.size() - 1))).isEqualTo(noise);
        assertThat(fixture.dlq.count()).isZero();
    }

    /** Random letters and digits: base64-like text that gzip can barely shrink. */
    static String incompressible(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
