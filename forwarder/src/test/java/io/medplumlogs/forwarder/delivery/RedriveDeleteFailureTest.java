package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vendor took a redriven DLQ message but SQS refused its delete (a role without {@code sqs:DeleteMessage}, a
 * throttled or unreachable queue): the message stays and the next redrive sends it again, the one duplicate redrive
 * cannot avoid. The result, the metrics and the log say so, and the redrive of the DLQ stops there rather than
 * delivering (and duplicating) the rest of the batch too.
 */
class RedriveDeleteFailureTest {

    ForwarderFixture fixture;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        ForwarderLog.redirect(null);
        fixture.close();
    }

    /**
     * A delete that never gets an answer ends before the invocation does, like a DLQ write: it is then a failed delete
     * (counted, logged, the metrics line written), not an invocation Lambda cuts off after the SDK's 30 s without a
     * word of what it did.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDeleteThatNeverAnswersEndsBeforeTheInvocationAndIsCountedAsNotDeleted(Vendor vendor) {
        fixture = ForwarderFixture.start(vendor);
        ForwarderHandler handler = fixture.handler();
        fixture.vendor.enqueue(Answer.status(400));
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("once").invocation());
        fixture.sqs.stallDeletes();
        ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        TestContext context = new TestContext(5_000);

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT.getBytes(StandardCharsets.UTF_8),
                context);

        assertThat(context.getRemainingTimeInMillis()).as("time left when the redrive returned").isPositive();
        assertThat(out).contains("\"redelivered\":0", "\"redeliveredNotDeleted\":1");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("once");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("could not be deleted", "Forwarder metrics");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDeliveredMessageWhoseDeleteFailsIsCountedAsSuchAndTheRestOfTheBatchWaits(Vendor vendor) {
        fixture = ForwarderFixture.start(vendor);
        ForwarderHandler handler = fixture.handler();
        for (String line : new String[] {"first", "second"}) {
            fixture.vendor.enqueue(Answer.status(400));
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(line).invocation());
        }
        assertThat(fixture.sqs.messages()).hasSize(2);
        fixture.sqs.refuseDeletes(true);
        ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":0", "\"redeliveredNotDeleted\":1", "\"stillFailing\":1");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("first");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("\"level\":\"ERROR\"", "could not be deleted", "\"RedriveRedeliveredNotDeleted\":1",
                        "\"" + ForwarderMetrics.REDRIVE_STILL_FAILING + "\":1")
                .doesNotContain("DLQ cannot be read");

        // the next redrive, once deletes work: the message not deleted arrives a second time, as documented
        fixture.sqs.refuseDeletes(false);
        fixture.sqs.endVisibility();
        String next = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(next).contains("\"redelivered\":2", "\"redeliveredNotDeleted\":0", "\"stillFailing\":0");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("first", "first", "second");
        assertThat(fixture.sqs.messages()).isEmpty();
    }
}
