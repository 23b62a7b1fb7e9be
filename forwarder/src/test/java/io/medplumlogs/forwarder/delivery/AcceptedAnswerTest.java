package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * A 2xx answer is delivery, whatever its body (forwarder.adoc#failure-semantics): Splunk's HEC answers 2xx only with
 * code 0 ("Success"; its status-code table gives every other code with a 4xx or 5xx), with an {@code ackId} when the
 * token has indexer acknowledgment, and nothing in the body says more than the status does. A 4xx whose body says
 * "Success" is still refused.
 */
class AcceptedAnswerTest {

    @Test
    void everyTwoHundredAnswerIsDeliveryWhateverItsBody() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.vendor.enqueue(Answer.status(200, "{\"text\":\"Success\",\"code\":0,\"ackId\":7}"),
                    Answer.status(204, ""), Answer.status(201, "not json at all"));
            for (int i = 0; i < 3; i++) {
                ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("line " + i).invocation());
            }

            assertThat(fixture.vendor.requests()).hasSize(3);
            assertThat(fixture.vendor.accepted()).hasSize(3);
            assertThat(fixture.sqs.everSent()).isEmpty();
        }
    }

    @Test
    void aRefusalWhoseBodySaysSuccessIsStillARefusal() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.vendor.enqueue(Answer.status(400, "{\"text\":\"Success\",\"code\":0}"));

            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("line").invocation());

            assertThat(fixture.vendor.requests()).hasSize(1);
            assertThat(fixture.sqs.everSent()).hasSize(1);
        }
    }
}
