package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vendor failures, per vendor: what arrived, what reached the DLQ, and that nothing arrived twice. Timeouts and backoffs
 * are test-sized through the forwarder's settings, never by sleeping in the test.
 */
class FaultInjectionTest extends AbstractMotoTest {

    static final String MARKER = "CHUNK-TWO-MARKER";
    // (Per-vendor @EnumSource tests start alike here and in the other delivery tests: the scenarios differ.)

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void throttling429IsRetriedUntilDelivered(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(429), Answer.throttled(0), Answer.status(429));

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(429, 429, 429, success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.dlq.count()).isZero();
        assertThat(out).contains("\"chunksDelivered\":1");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void serverErrors500And503AreRetried(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(500), Answer.status(503));

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(500, 503, success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.dlq.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void requestTimeout408IsRetried(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(408));

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(408, success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.dlq.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void answerSlowerThanTheClientTimeoutIsRetried(Vendor vendor) {
        startFixture(vendor);
        fixture.environment().put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "300");
        ForwarderHandler handler = fixture.handler();
        fixture.vendor.enqueue(Answer.slow(3_000, 500));

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(-1, success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.dlq.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anAnswerWhoseBodyStallsIsCutAtTheRequestTimeoutAndRetried(Vendor vendor) {
        // the status and headers arrive, the body never does: the JDK's request timeout stops counting at the headers
        startFixture(vendor);
        fixture.environment().put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "300");
        ForwarderHandler handler = fixture.handler();
        fixture.vendor.enqueue(Answer.stalledBody(30_000, 500));

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation(), 20_000);

        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(-1, success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.dlq.count()).isZero();
    }

    @Test
    void bodiesThatStallUntilTheDeadlineLeaveTheReserveForTheDlq() {
        // every answer stalls: the requests end by the deadline, so the chunk reaches the DLQ before the invocation
        // ends (else Lambda would time out, retry the whole batch and write no dead letter)
        startFixture(Vendor.DATADOG);
        fixture.environment().put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "60000");
        fixture.environment().put(ForwarderContract.ENV_TIME_RESERVE_MS, "1000");
        ForwarderHandler handler = fixture.handler();
        for (int i = 0; i < 10; i++) {
            fixture.vendor.enqueue(Answer.stalledBody(30_000, 500));
        }
        TestContext context = new TestContext(4_000);

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation(), context);

        assertThat(context.getRemainingTimeInMillis()).isPositive();
        assertThat(fixture.dlq.messages()).singleElement().asString().contains("timed out");
        assertThat(fixture.vendor.accepted()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void permanent400IsNotRetriedAndGoesToTheDlqWhileTheInvocationSucceeds(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400));

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).hasSize(1);
        assertThat(fixture.vendor.accepted()).isEmpty();
        assertThat(fixture.dlq.messages()).hasSize(1);
        DeadLetterCodec.Decoded dead = DeadLetterCodec.decode(fixture.dlq.messages().get(0));
        assertThat(dead.vendor()).isEqualTo(vendor);
        assertThat(texts(parse(dead.chunk().entries()))).containsExactly("a", "b");
        assertThat(fixture.dlq.messages().get(0)).contains("permanent HTTP 400");
        assertThat(out).contains("\"chunksDeadLettered\":1");
    }

    // (Per-vendor @EnumSource scenarios: the same start/invoke/assert steps as its neighbours, each its own fault.)
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void persistentFailureOfTheSecondOfThreeChunksDeadLettersOnlyThatChunk(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 503);
        List<String> lines = threeChunksOfLines();

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        assertThat(out).contains("\"chunks\":3", "\"chunksDelivered\":2", "\"chunksDeadLettered\":1");
        // chunk 2 was tried MAX_ATTEMPTS times, chunks 1 and 3 once each
        assertThat(fixture.vendor.requests()).hasSize(2 + 4);
        List<String> delivered = texts(fixture.vendor.acceptedEntries());
        List<String> deadLettered = new ArrayList<>();
        fixture.dlq.messages().forEach(m -> deadLettered.addAll(texts(parse(DeadLetterCodec.decode(m).chunk().entries()))));
        assertThat(deadLettered).contains(MARKER + " 1050");
        assertThat(delivered).doesNotContainAnyElementsOf(deadLettered).doesNotHaveDuplicates();
        List<String> all = new ArrayList<>(delivered);
        all.addAll(deadLettered);
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(fixture.vendor.accepted()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whenTheDlqFailsTooTheInvocationFailsAndLaterChunksWaitForLambdasRetry(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 400);
        fixture.dlq.delete();

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines(threeChunksOfLines()).invocation()))
                .isInstanceOf(DeadLetterWriteException.class)
                .hasMessageContaining("chunk 2/3").hasMessageContaining("neither delivered");
        assertThat(fixture.vendor.requests()).hasSize(2);
        assertThat(fixture.vendor.accepted()).hasSize(1);

        // the same execution environment keeps serving
        fixture.dlq.create();
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("next").invocation());
        assertThat(texts(fixture.vendor.accepted().get(1).entries())).containsExactly("next");
    }

    /** 2100 lines of about 1 kB: three chunks for every vendor's limits; line 1050 lands in the second. */
    static List<String> threeChunksOfLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            lines.add(i == 1050 ? MARKER + " 1050" : "line " + i + " " + "q".repeat(1000));
        }
        return lines;
    }

    static int success(Vendor vendor) {
        return vendor == Vendor.DATADOG ? 202 : 200;
    }

    static List<JsonNode> parse(List<String> entries) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String entry : entries) {
                nodes.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry));
            }
            return nodes;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The original message of each entry, whatever the vendor calls the field. */
    static List<String> texts(List<JsonNode> entries) {
        return entries.stream().map(e -> e.has("event") ? e.get("event").asText() : e.get("message").asText()).toList();
    }
}
