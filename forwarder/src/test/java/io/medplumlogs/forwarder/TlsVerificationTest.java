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
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("secret PHI").invocation());

            assertThat(fixture.vendor.accepted()).isEmpty();
            assertThat(fixture.sqs.messages()).hasSize(1);
            assertThat(fixture.sqs.messages().get(0)).contains("SSLHandshakeException");
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
}
