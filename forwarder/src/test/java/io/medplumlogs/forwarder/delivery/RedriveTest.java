package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The redrive invocation re-sends DLQ messages and deletes each only after the vendor took it. */
class RedriveTest extends AbstractMotoTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void redriveDeliversDeadLettersOnceAndEmptiesTheQueue(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(403));
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("lost?", "not lost").invocation());
        assertThat(fixture.dlq.messages()).hasSize(1);

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":1", "\"stillFailing\":0");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("lost?", "not lost");
        assertThat(fixture.dlq.count()).isZero();
        // same headers as the original request (Sumo's metadata travels in them)
        assertThat(fixture.vendor.accepted().get(0).headers()).containsAllEntriesOf(
                fixture.vendor.requests().get(0).headers().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("x-sumo") || e.getKey().equals("dd-api-key")
                                || e.getKey().equals("authorization"))
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())));

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);
        assertThat(fixture.vendor.accepted()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMessageThatFailsAgainStaysInTheQueue(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.enqueue(Answer.status(400), Answer.status(400));
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("x").invocation());

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":0", "\"stillFailing\":1");
        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(fixture.vendor.accepted()).isEmpty();
    }

    // (Per-vendor @EnumSource scenarios like OnFailureRedriveTest's: the same steps, each its own case.)
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aForeignMessageIsLeftAlone(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.dlq.add("{\"something\":\"else\"}");

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"stillFailing\":1");
        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).isEmpty();
    }

    /** A real dead letter, but another vendor's (two forwarders sharing a DLQ by mistake): never sent to this one. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDeadLetterForAnotherVendorIsLeftAloneAndNotSent(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        Vendor other = vendor == Vendor.DATADOG ? Vendor.SPLUNK : Vendor.DATADOG;
        for (String message : DeadLetterCodec.encode(other,
                new Chunk(List.of("{\"msg\":\"for " + other.id() + "\"}"), Map.of()), "HTTP 503")) {
            fixture.dlq.add(message);
        }

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":0", "\"stillFailing\":1");
        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).isEmpty();
    }

    /** A DLQ that cannot be read (deleted, no permission) does not keep on-failure records from being recovered. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void whenTheDlqCannotBeReadOnFailureRecordsAreStillRecoveredAndItIsLogged(Vendor vendor) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            ForwarderHandler handler = start(vendor);
            fixture.onFailure.add(OnFailureRecords.retriesExhausted(
                    SubscriptionEvents.builder().lines("recovered anyway").invocationJson()));
            fixture.dlq.delete();

            String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

            assertThat(out).contains("\"invocationsRecovered\":1");
            assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("recovered anyway");
            assertThat(fixture.onFailure.count()).isZero();
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains("\"level\":\"ERROR\"", "DLQ cannot be read");
        } finally {
            ForwarderLog.redirect(null);
        }
    }

    /**
     * A failure reason that holds U+FFFF and ends in half a surrogate pair (an error text cut inside an emoji): the
     * dead letter (an entry every intake takes: HEC requires its event field) is still stored once (the SDK's and the
     * queue's checksums of the body agree), and so redriven once.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDeadLetterWhoseReasonHoldsALoneSurrogateIsStoredAndRedrivenOnce(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        for (String message : DeadLetterCodec.encode(vendor, new Chunk(List.of("{\"event\":\"once\"}"), Map.of()),
                "HTTP 400: " + "x".repeat(20) + "\uFFFF \uD83D")) {
            fixture.dlq.add(message); // the same SDK call as the forwarder's own DLQ writes
        }
        assertThat(fixture.dlq.count()).isEqualTo(1);

        ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(fixture.vendor.accepted()).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("once"));
        assertThat(fixture.dlq.count()).isZero();
    }
}
