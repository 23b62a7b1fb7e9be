package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches and answers an unlucky operator meets, end to end against moto's DLQ (forwarder.adoc#failure-semantics). */
class HostileBatchTest extends AbstractMotoTest {

    /**
     * A DATA_MESSAGE whose logEvents array is empty (a hand-made test event, a filter that matched nothing) has nothing
     * to forward: no request (an empty request body is a 400 at Splunk HEC, "No data", and would then sit in the DLQ
     * and fail again on every redrive), no dead letter, and the invocation succeeds.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDataMessageWithoutEventsSendsNothingAndWritesNoDeadLetter(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(r -> r.entries().isEmpty(), 400);

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(List.of()).invocation());

        assertThat(fixture.vendor.requests()).isEmpty();
        assertThat(fixture.dlq.count()).isZero();
        assertThat(out).doesNotContain("\"chunksDeadLettered\":1");
    }

    /** 413 Payload Too Large is permanent: one request, the chunk in the DLQ at once, the invocation succeeds. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void payloadTooLarge413IsNotRetriedAndGoesToTheDlq(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(413));

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(fixture.vendor.requests()).hasSize(1);
        assertThat(fixture.vendor.accepted()).isEmpty();
        assertThat(fixture.dlq.messages()).hasSize(1);
        assertThat(fixture.dlq.messages().get(0)).contains("permanent HTTP 413");
        assertThat(DeadLetterCodec.decode(fixture.dlq.messages().get(0)).chunk().entries()).hasSize(2);
        assertThat(out).contains("\"chunksDeadLettered\":1");
    }

    /**
     * A redirect (a load balancer sending the intake's clients elsewhere) is never followed, so the credential in the
     * request's headers goes to no other host; it is permanent like another 4xx: one request, the DLQ at once.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRedirectIsNotFollowedAndTheChunkGoesToTheDlq(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(307));

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation());

        assertThat(fixture.vendor.requests()).hasSize(1);
        assertThat(fixture.dlq.messages()).hasSize(1);
        assertThat(fixture.dlq.messages().get(0)).contains("permanent HTTP 307");
        assertThat(out).contains("\"chunksDeadLettered\":1");
    }
}
