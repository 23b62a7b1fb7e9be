package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.MARKER;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.parse;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Redrive also empties the Lambda on-failure destination queue: records of invocations Lambda gave up on are delivered
 * like fresh invocations, and deleted only when every chunk was delivered or dead-lettered.
 */
class OnFailureRedriveTest extends AbstractMotoTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRecordOfAFailedInvocationIsDeliveredAndDeleted(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                SubscriptionEvents.builder().lines("lost in a timeout", "and this").invocationJson()));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":1", "\"invocationsStillFailing\":0");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("lost in a timeout", "and this");
        assertThat(fixture.onFailure.count()).isZero();
        assertThat(fixture.dlq.count()).isZero();

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);
        assertThat(fixture.vendor.accepted()).hasSize(1);
    }

    /**
     * The first record takes the redrive's time: the others of its batch are left for the next redrive instead of
     * being sent to the DLQ unsent (where the next try could write them a second time).
     */
    @org.junit.jupiter.api.Test
    void recordsLeftWhenTimeRunsOutWaitForTheNextRedrive() {
        startFixture(Vendor.DATADOG);
        fixture.environment().put(ForwarderContract.ENV_TIME_RESERVE_MS, "1000");
        ForwarderHandler handler = fixture.handler();
        for (String line : List.of("first", "second", "third")) {
            fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                    SubscriptionEvents.builder().lines(line).invocationJson()));
        }
        // the empty DLQ's long poll takes 1 s of the 3 s for retries, this answer most of the rest: under a second
        fixture.vendor.enqueue(Answer.slow(1_200, 202));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), 4_000);

        assertThat(out).contains("\"invocationsRecovered\":1", "\"invocationsStillFailing\":2");
        assertThat(fixture.vendor.requests()).hasSize(1);
        assertThat(fixture.dlq.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aChunkThatFailsAgainGoesToTheDlqAndTheRecordIsDeleted(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 400);
        List<String> lines = FaultInjectionTest.threeChunksOfLines();
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                SubscriptionEvents.builder().lines(lines).invocationJson()));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":1", "\"invocationsStillFailing\":0");
        assertThat(fixture.onFailure.count()).isZero();
        assertThat(fixture.vendor.accepted()).hasSize(2);
        List<String> all = new ArrayList<>(texts(fixture.vendor.acceptedEntries()));
        List<String> dead = fixture.dlq.messages();
        assertThat(dead).hasSize(1);
        all.addAll(texts(parse(DeadLetterCodec.decode(dead.get(0)).chunk().entries())));
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whenTheDlqIsDownTooTheRecordStays(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400));
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                SubscriptionEvents.builder().lines("keep me").invocationJson()));
        fixture.dlq.delete();

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":0", "\"invocationsStillFailing\":1");
        assertThat(fixture.onFailure.count()).isEqualTo(1);
        assertThat(fixture.vendor.accepted()).isEmpty();
    }

    /**
     * Recovering a record fails for another reason than the DLQ (here: after a SnapStart restore the secret holds no
     * usable credential): the record stays, counted as still failing, and the records behind it are still tried,
     * instead of the failure ending the queue's redrive uncounted as if the queue could not be read.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRecordThatCannotBeRedeliveredIsLeftCountedAndTheOthersAreTried(Vendor vendor) {
        startFixture(vendor);
        fixture.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        ForwarderHandler handler = fixture.handler();
        handler.beforeCheckpoint(null);
        fixture.rotateSecret("{\"api_key\":\"one\",\"app_key\":\"two\"}");
        handler.afterRestore(null);
        for (String line : List.of("one", "two")) {
            fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                    SubscriptionEvents.builder().lines(line).invocationJson()));
        }
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        io.medplumlogs.forwarder.ForwarderLog.redirect(new java.io.PrintStream(log, true,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

            assertThat(out).contains("\"invocationsRecovered\":0", "\"invocationsStillFailing\":2");
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("could not be redelivered", ForwarderContract.ENV_SECRET_ARN)
                    .doesNotContain("On-failure queue cannot be read");
            assertThat(fixture.onFailure.count()).isEqualTo(2);
            assertThat(fixture.vendor.requests()).isEmpty();
        } finally {
            io.medplumlogs.forwarder.ForwarderLog.redirect(null);
        }
    }

    /** The DLQ refuses a write: the record stays, and so do the records received with it, counted as left too. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whenTheDlqIsDownTheRecordsBehindTheStoppedOneAreCountedAsLeft(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400));
        for (String line : List.of("keep me", "and me")) {
            fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                    SubscriptionEvents.builder().lines(line).invocationJson()));
        }
        fixture.dlq.delete();

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":0", "\"invocationsStillFailing\":2");
        assertThat(fixture.onFailure.count()).isEqualTo(2);
        assertThat(fixture.vendor.requests()).hasSize(1);
    }

    /**
     * The record's chunks were delivered but its delete fails (here: the queue is gone by then, as with a revoked
     * {@code sqs:DeleteMessage}): it is counted as recovered but not deleted (the next redrive delivers it again), and
     * the record behind it waits for the next redrive instead of being delivered and left behind as well.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRecordDeliveredButNotDeletedIsCountedAsSuchAndTheRestWait(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        for (String line : List.of("one", "two")) {
            fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                    SubscriptionEvents.builder().lines(line).invocationJson()));
        }
        java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
        fixture.vendor.holdWhen(r -> {
            if (!gone.getAndSet(true)) {
                fixture.onFailure.delete(); // after the receive, before the delete
            }
            return false;
        }, () -> true);

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":0", "\"invocationsRecoveredNotDeleted\":1",
                "\"invocationsStillFailing\":1");
        assertThat(fixture.vendor.accepted()).hasSize(1);
    }

    // Per-vendor @EnumSource scenarios: start, invoke, assert, as in RedriveTest and SecretRotationTest; cases differ.
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailedRedriveInvocationsRecordIsDeletedAndAForeignMessageLeftAlone(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(ForwarderContract.REDRIVE_EVENT));
        fixture.onFailure.add("{\"something\":\"else\"}");

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":1", "\"invocationsStillFailing\":1");
        assertThat(fixture.onFailure.count()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).isEmpty();
    }
}
