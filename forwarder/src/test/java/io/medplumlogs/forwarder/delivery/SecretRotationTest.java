package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The secret is rotated (a new AWSCURRENT version in moto's Secrets Manager) while the execution environment still
 * holds the old credential: the vendor's 401/403 makes the forwarder read it again and resend, instead of sending every
 * chunk to the DLQ until the next cold start.
 */
class SecretRotationTest extends AbstractMotoTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRotatedCredentialIsReadAgainAfter401AndEveryChunkDelivered(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(usesOldCredential(vendor), 401);
        fixture.rotateSecret(rotated(vendor));

        String out = ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines(FaultInjectionTest.threeChunksOfLines()).invocation());

        assertThat(out).contains("\"chunks\":3", "\"chunksDelivered\":3", "\"chunksDeadLettered\":0");
        // one request with the old credential, then three with the new one
        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(401, FaultInjectionTest.success(vendor), FaultInjectionTest.success(vendor),
                        FaultInjectionTest.success(vendor));
        assertThat(fixture.vendor.acceptedEntries()).hasSize(2100);
        assertThat(fixture.dlq.count()).isZero();
    }

    // (Per-vendor @EnumSource scenarios like the redrive tests: the same steps, each its own case.)
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRejectedCredentialThatWasNotRotatedGoesToTheDlqAfterOneRequest(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(usesOldCredential(vendor), 403);

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(out).contains("\"chunksDelivered\":0", "\"chunksDeadLettered\":1");
        assertThat(fixture.vendor.requests()).hasSize(1);
        assertThat(fixture.dlq.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void redriveAfterARotationDeliversWithTheNewCredential(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        fixture.vendor.failWhen(usesOldCredential(vendor), 403);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());
        assertThat(fixture.dlq.count()).isEqualTo(1);

        fixture.rotateSecret(rotated(vendor));
        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"redelivered\":1", "\"stillFailing\":0");
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactly("a", "b");
        assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status)
                .containsExactly(403, 403, FaultInjectionTest.success(vendor));
        assertThat(fixture.dlq.count()).isZero();
    }

    private String rotated(Vendor vendor) {
        return rotated(vendor, fixture);
    }

    /** A valid credential other than the fixture's first one (Sumo Logic: another source URL at the fake). */
    static String rotated(Vendor vendor, ForwarderFixture fixture) {
        return switch (vendor) {
            case DATADOG -> "dd-api-key-rotated-fedcba9876543210";
            case SPLUNK -> "11111111-2222-4333-8444-555555555555";
            case SUMOLOGIC -> fixture.vendor.baseUrl() + "/receiver/v1/http/RotatedSourceToken==";
        };
    }

    private Predicate<FakeVendor.Request> usesOldCredential(Vendor vendor) {
        String old = fixture.credential();
        return switch (vendor) {
            case DATADOG -> r -> old.equals(r.header("DD-API-KEY"));
            case SPLUNK -> r -> ("Splunk " + old).equals(r.header("Authorization"));
            case SUMOLOGIC -> r -> r.path().equals(FakeVendor.SUMO_PATH);
        };
    }
}
