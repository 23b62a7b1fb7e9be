package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The generated queues keep SQS's default visibility timeout (30 s), which is right only because nothing reads them
 * with it: no Lambda event source reads them (AWS would then require a visibility of at least the function's timeout),
 * and redrive, their one reader (scheduled or invoked by hand), asks for its own on every receive. That must cover the
 * rest of its invocation, up to the longest function timeout (900 s): a message received from the DLQ must not
 * become visible while the redrive that holds it is still sending it, or an overlapping redrive (the schedule's and
 * one invoked by hand) sends it too, a duplicate at the vendor.
 */
class RedriveVisibilityTest {

    @Test
    void everyReceiveHidesItsMessagesForTheRestOfTheInvocation() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderHandler handler = fixture.handler();
            fixture.vendor.enqueue(Answer.status(400));
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("refused once").invocation());
            assertThat(fixture.sqs.messages()).hasSize(1);

            long budget = 900_000;
            ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT.getBytes(StandardCharsets.UTF_8),
                    new TestContext(budget));

            assertThat(fixture.sqs.messages()).as("redriven and deleted").isEmpty();
            assertThat(fixture.sqs.receiveVisibilities()).isNotEmpty()
                    .allSatisfy(seconds -> assertThat(seconds).isGreaterThanOrEqualTo((int) (budget / 1000)));
        }
    }
}
