package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SelfSignedTls;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS is verified: an unknown certificate is refused, one the client explicitly trusts works. */
class TlsVerificationTest {

    static SelfSignedTls tls;

    @BeforeAll
    static void certificate() {
        tls = SelfSignedTls.create();
    }

    @Test
    void selfSignedCertificateIsRefusedByDefaultAndNothingIsLost() {
        try (ForwarderFixture fixture = ForwarderFixture.startHttps(Vendor.SPLUNK, tls, false)) {
            assertRefusedAndDeadLettered(fixture);
        }
    }

    @Test
    void explicitlyTrustedCertificateWorks() {
        try (ForwarderFixture fixture = ForwarderFixture.startHttps(Vendor.DATADOG, tls, true)) {
            assertThat(fixture.vendor.baseUrl()).startsWith("https://127.0.0.1:");
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("hello").invocation());

            assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                    .containsExactly("hello");
            assertThat(fixture.sqs.messages()).isEmpty();
        }
    }

    /** A certificate the client trusts, but for another host name: host names are verified, so it is refused too. */
    @Test
    void aTrustedCertificateForAnotherHostIsRefused() {
        SelfSignedTls otherHost = SelfSignedTls.create("dns:other.example");
        try (ForwarderFixture fixture = ForwarderFixture.startHttps(Vendor.SUMOLOGIC, otherHost, true)) {
            assertRefusedAndDeadLettered(fixture);
        }
    }

    /**
     * The key pair the zip ships for SnapStart's loopback priming is public: a server presenting it must not be trusted
     * by the vendor client (only the priming's own client trusts it).
     */
    @Test
    void theShippedPrimingCertificateIsNotTrustedForVendors() {
        SelfSignedTls priming = SelfSignedTls.fromResource(LoopbackPriming.class, "loopback-priming.p12",
                "priming".toCharArray());
        try (ForwarderFixture fixture = ForwarderFixture.startHttps(Vendor.DATADOG, priming, false)) {
            assertRefusedAndDeadLettered(fixture);
        }
    }

    /** Nothing reached the vendor, and the batch waits in the DLQ with the handshake failure as its reason. */
    private static void assertRefusedAndDeadLettered(ForwarderFixture fixture) {
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("secret PHI").invocation());

        assertThat(fixture.vendor.accepted()).isEmpty();
        assertThat(fixture.sqs.messages()).hasSize(1);
        assertThat(fixture.sqs.messages().get(0)).contains("SSLHandshakeException");
    }
}
