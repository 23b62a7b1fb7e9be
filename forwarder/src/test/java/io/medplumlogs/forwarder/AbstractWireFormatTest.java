package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.IntakeLimits;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.delivery.DeadLetterCodec;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire-format rules every vendor intake keeps: a control message sends nothing, non-ASCII text arrives intact, a
 * 1 MiB batch is split at the vendor's limits and arrives complete and in order, and a line above the per-entry limit
 * arrives whole, in parts, neither cut nor dropped. Each vendor's test extends this and adds its own format checks. (Their
 * constructor, {@code configure} and {@code assertCorrelationKept} have the same shape on purpose: they hold only that
 * vendor's values; {@code duplicates} lists them as a same-shape pair.)
 */
public abstract class AbstractWireFormatTest {

    /** Non-ASCII of several scripts, including characters outside the Basic Multilingual Plane. */
    static final String NON_ASCII = "Patient Zoë Łukasiewicz — 患者 ✓ 🩺 naïve café, Ärztin Dvořák – 診察, Größe: 12 µm — 病歴";

    protected ForwarderFixture fixture;
    protected ForwarderHandler handler;

    private final Vendor vendor;
    private final String textPointer;
    private final String msgPointer;
    private final String markPointer;

    /**
     * @param textPointer where an entry made from a plain-text line has its text
     * @param msgPointer where an entry made from a JSON line has its {@code msg}
     * @param markPointer where an entry carries the forwarder's marks ({@code truncated}, a part's fields): the entry
     *     itself ({@code ""}) or its indexed fields
     */
    protected AbstractWireFormatTest(Vendor vendor, String textPointer, String msgPointer, String markPointer) {
        this.vendor = vendor;
        this.textPointer = textPointer;
        this.msgPointer = msgPointer;
        this.markPointer = markPointer;
    }

    /** Vendor settings of the test, put into the forwarder's environment before the handler is made. */
    protected abstract void configure(Map<String, String> environment);

    /**
     * Each part of {@link #eventAboveThePerEntryLimitArrivesWholeInParts()} carries the line's correlation fields
     * ({@code level ERROR}, {@code requestId r-1}, {@code traceId}) as this vendor shows them.
     */
    protected abstract void assertCorrelationKept(JsonNode part);

    @BeforeEach
    void start() {
        fixture = ForwarderFixture.start(vendor);
        // the production HTTP timeout for requests of up to 1 MB: on a loaded machine the fixture's 1.5 s timed out
        // one the fake vendor had taken, and the retry delivered it twice (timeouts are FaultInjectionTest's subject)
        fixture.environment().remove(ForwarderContract.ENV_HTTP_TIMEOUT_MS);
        configure(fixture.environment());
        handler = fixture.handler();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void controlMessageSendsNothing() {
        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.controlMessage().invocation());

        assertThat(out).contains("control message");
        assertThat(fixture.vendor.requests()).isEmpty();
        assertThat(fixture.sqs.everSent()).isEmpty();
    }

    @Test
    void nonAsciiTextArrivesIntact() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(NON_ASCII,
                "{\"level\":\"INFO\",\"msg\":\"" + NON_ASCII + "\"}").invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(text(entries.get(0))).isEqualTo(NON_ASCII);
        assertThat(msg(entries.get(1))).isEqualTo(NON_ASCII);
        // each entry carries the text as UTF-8, none as backslash-u escapes: those would make Splunk's _raw, whose
        // bytes its TRUNCATE counts, up to three times as long as the text, and vendors show them as written
        String body = fixture.vendor.requests().get(0).body();
        assertThat(body.split(java.util.regex.Pattern.quote(NON_ASCII), -1)).hasSize(3);
        assertThat(body).doesNotContain("\\u");
    }

    /**
     * A {@code msg} (and a {@code stack}) full of JSON escapes (quotes, backslashes, control characters) means the
     * same text at the vendor.
     */
    @Test
    void escapedMessageTextArrivesAsWritten() {
        String line = "{\"level\":\"ERROR\",\"stack\":\"at \\\"a\\\"\\n\\tat b\",\"msg\":\"say \\\"hi\\\" C:\\\\tmp\\\\ \\u00e9\\/ 🩺\\n\\tat x.y(Z.java:1)\\u0001\\\\\"}";
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(line, "after").invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).hasSize(2);
        assertThat(msg(entries.get(0))).isEqualTo("say \"hi\" C:\\tmp\\ é/ 🩺\n\tat x.y(Z.java:1)\u0001\\");
        assertThat(entries.get(0).findValue("stack").asText()).isEqualTo("at \"a\"\n\tat b");
        assertThat(text(entries.get(1))).isEqualTo("after");
    }

    /**
     * A JSON line may escape half a surrogate pair ({@code \\ud800}): not valid UTF-16 once parsed. Such an entry is
     * sent as it always was, the lone half as {@code ?} (what a string's UTF-8 encoding makes of it), and the batch
     * is delivered rather than failing on the one entry.
     */
    @Test
    void loneSurrogateHalfArrivesAsQuestionMarkAndTheBatchIsDelivered() {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(
                "{\"level\":\"INFO\",\"msg\":\"half \\ud800 pair\"}", "after").invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).hasSize(2);
        assertThat(msg(entries.get(0))).isEqualTo("half ? pair");
        assertThat(text(entries.get(1))).isEqualTo("after");
    }

    /**
     * A line that starts with a JSON object and ends with a brace but holds more than that one object (two objects on
     * one line, or text after the object) is sent whole as text: nothing after the first object may be dropped.
     */
    @Test
    void textAfterTheFirstJsonObjectOfALineIsNotDropped() {
        String twoObjects = "{\"level\":\"INFO\",\"msg\":\"first\"} {\"level\":\"ERROR\",\"msg\":\"second\"}";
        String textAfter = "{\"user\":\"u-1\"} logged in from {10.0.0.1}";
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(twoObjects, textAfter, "after").invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).extracting(this::text).containsExactly(twoObjects, textAfter, "after");
    }

    @Test
    void oneMebibyteBatchIsSplitAtTheRequestLimitsAndArrivesComplete() {
        List<String> lines = new ArrayList<>();
        while (lines.size() * 1024 < 1024 * 1024) {
            lines.add("line " + lines.size() + " " + "x".repeat(1000));
        }
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        assertThat(fixture.vendor.acceptedEntries()).extracting(this::text).containsExactlyElementsOf(lines);
        IntakeLimits limits = vendor.limits();
        for (FakeVendor.Request request : fixture.vendor.requests()) {
            assertThat(request.entries()).hasSizeLessThanOrEqualTo(limits.maxEntriesPerRequest());
            assertThat(request.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(limits.maxBytesPerRequest());
            assertThat(request.compressedBytes()).isLessThan(request.body().length() / 5);
        }
        // 1024 lines of 1 KiB: Datadog takes 1000 entries per request, Splunk and Sumo Logic 1 MB
        assertThat(fixture.vendor.requests()).hasSize(2);
    }

    @Test
    void eventAboveThePerEntryLimitArrivesWholeInParts() {
        int limit = vendor.limits().maxBytesPerEvent();
        String json = "{\"level\":\"ERROR\",\"msg\":\"boom\",\"requestId\":\"r-1\","
                + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"stack\":\"" + "é".repeat(limit / 2 + 10) + "\"}";
        String plain = "first " + "z".repeat(limit) + " last";
        // one invocation each: a request of about one limit, as in production
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("before", json, "after").invocation());
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(plain).invocation());

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        List<String> texts = entries.stream().map(this::text).toList();
        int after = texts.indexOf("after");
        assertThat(texts.get(0)).isEqualTo("before");
        // parts in chunks of a pair in flight at once may arrive in either order: their numbers order them
        List<JsonNode> jsonParts = inPartOrder(entries.subList(1, after));
        List<JsonNode> plainParts = inPartOrder(entries.subList(after + 1, entries.size()));
        assertThat(jsonParts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(plainParts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(jsonParts.stream().map(this::text).reduce("", String::concat)).isEqualTo(json);
        assertThat(plainParts.stream().map(this::text).reduce("", String::concat)).isEqualTo(plain);
        jsonParts.forEach(this::assertCorrelationKept);
        // at most the limit, and at most what one DLQ message holds whole, so a failed chunk's parts are never cut
        int partBytes = Math.min(limit, DeadLetterCodec.ENTRY_BYTES_STORED_WHOLE);
        for (List<JsonNode> parts : List.of(jsonParts, plainParts)) {
            for (int i = 0; i < parts.size(); i++) {
                JsonNode part = parts.get(i);
                assertThat(mark(part, SplitEntryFields.PART)).isEqualTo(String.valueOf(i + 1));
                assertThat(mark(part, SplitEntryFields.PARTS)).isEqualTo(String.valueOf(parts.size()));
                assertThat(part.at(markPointer + "/" + LogLineFields.TRUNCATED).isMissingNode()).isTrue();
                assertThat(part.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(partBytes);
            }
            // the first part is filled up: as few parts as the size allows
            assertThat(parts.get(0).toString().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(partBytes - 200);
        }
        // the CloudWatch event ids: the second line of the first batch, the first of the second
        assertThat(jsonParts).allSatisfy(p -> assertThat(mark(p, SplitEntryFields.PART_OF))
                .isEqualTo(String.format("%056d", 2)));
        assertThat(plainParts).allSatisfy(p -> assertThat(mark(p, SplitEntryFields.PART_OF))
                .isEqualTo(String.format("%056d", 1)));
    }

    private String text(JsonNode entry) {
        return entry.at(textPointer).asText();
    }

    private String msg(JsonNode entry) {
        return entry.at(msgPointer).asText();
    }

    private List<JsonNode> inPartOrder(List<JsonNode> parts) {
        List<JsonNode> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(part -> Integer.parseInt(mark(part, SplitEntryFields.PART))));
        return ordered;
    }

    /** A mark of the forwarder's as text: a number, or in Splunk's indexed fields the string it is. */
    private String mark(JsonNode entry, String name) {
        return entry.at(markPointer + "/" + name).asText();
    }
}
