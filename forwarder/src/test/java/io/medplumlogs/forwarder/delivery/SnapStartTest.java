package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SnapStart: init primes the hot path without a trace (no request, no DLQ message, no batch-like line), a SnapStart
 * init reads no secret, and a restore (the CRaC hooks Lambda calls, called here directly) makes the forwarder read the
 * secret again in the first batch after each restore (never in the restore hook) and re-seed the retry jitter. Environment variable as Lambda sets it: {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
 */
class SnapStartTest {

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    ForwarderFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void primingDuringInitSendsNothingAndLeavesNoBatchLine(Vendor vendor) throws IOException {
        fixture = ForwarderFixture.start(vendor);

        fixture.handler();

        assertThat(fixture.vendor.requests()).isEmpty();
        assertThat(fixture.sqs.everSent()).isEmpty();
        assertThat(output.metricLines()).isEmpty();
        List<JsonNode> lines = output.lines();
        assertThat(lines).extracting(l -> l.path("msg").asText()).containsExactly("Forwarder ready");
        assertThat(output.text()).doesNotContain(Priming.LOG_GROUP);
    }

    /** A SnapStart init also sends one request to itself over loopback (TLS priming): still nothing reaches the vendor. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aSnapStartInitPrimesOverLoopbackOnlyAndLeavesNoTrace(Vendor vendor) throws IOException {
        snapStartInit(vendor);

        assertThat(fixture.vendor.requests()).isEmpty();
        assertThat(fixture.sqs.everSent()).isEmpty();
        assertThat(fixture.secrets.reads()).isZero();
        assertThat(output.lines()).extracting(l -> l.path("msg").asText()).containsExactly("Forwarder ready");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aSnapStartInitReadsNoSecretAndTheFirstBatchAfterRestoreReadsTheRotatedOne(Vendor vendor) {
        ForwarderHandler handler = snapStartInit(vendor);
        assertThat(fixture.secrets.reads()).as("secret reads before the snapshot").isZero();
        assertThat(fixture.vendor.requests()).isEmpty();

        handler.beforeCheckpoint(null);
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, rotated(vendor));
        handler.afterRestore(null);
        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a", "b").invocation());

        assertThat(out).contains("\"chunksDelivered\":1");
        assertThat(fixture.secrets.reads()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).hasSize(1).allMatch(usesCredential(vendor, rotated(vendor)));
    }

    /**
     * Lambda fails a restore whose hooks run longer than 10 s (SnapStartTimeoutException), and the Secrets Manager
     * client may take up to 30 s on an unreachable endpoint (a VPC without a Secrets Manager endpoint or NAT): the hook
     * must not wait on the network, so every restore completes and the first batch reads the secret (failing with the
     * reason, then Lambda's retries and the on-failure queue, if it cannot).
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theRestoreHookMakesNoNetworkCallTheFirstBatchReadsTheSecret(Vendor vendor) {
        ForwarderHandler handler = snapStartInit(vendor);
        handler.beforeCheckpoint(null);
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, rotated(vendor));

        handler.afterRestore(null);
        assertThat(fixture.secrets.reads()).as("secret reads in the restore hook").isZero();
        assertThat(fixture.vendor.requests()).isEmpty();
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("first").invocation());

        assertThat(fixture.secrets.reads()).as("secret reads after the first batch").isEqualTo(1);
        assertThat(fixture.vendor.requests()).hasSize(1).allMatch(usesCredential(vendor, rotated(vendor)));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void afterARestoreTheSecretIsReadAgainAndTheRotatedValueUsed(Vendor vendor) {
        fixture = ForwarderFixture.start(vendor);
        ForwarderHandler handler = fixture.handler();
        assertThat(fixture.secrets.reads()).isEqualTo(1);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("before").invocation());

        fixture.secrets.put(ForwarderFixture.SECRET_ARN, rotated(vendor));
        handler.afterRestore(null);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("after").invocation());

        assertThat(fixture.secrets.reads()).isEqualTo(2);
        assertThat(fixture.vendor.requests()).hasSize(2);
        assertThat(fixture.vendor.requests().get(0)).matches(usesCredential(vendor, fixture.credential()));
        assertThat(fixture.vendor.requests().get(1)).matches(usesCredential(vendor, rotated(vendor)));
    }

    /**
     * Two environments restored from one snapshot start with the same jitter state; the copy made here is what the
     * other one would draw. After the restore hook the draws differ from it (without a re-seed they are identical).
     */
    @Test
    void afterARestoreTheRetryJitterDoesNotRepeatTheSnapshotsSequence() throws Exception {
        fixture = ForwarderFixture.start(Vendor.DATADOG);
        ForwarderHandler handler = fixture.handler();
        Random otherEnvironment = copy(Jitter.source());

        handler.afterRestore(null);

        long ceiling = 1L << 40;
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 8, ceiling, ceiling);
        List<Long> ours = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ours.add(policy.backoffMillis(1, 0));
            theirs.add(otherEnvironment.nextLong(ceiling + 1));
        }
        assertThat(ours).isNotEqualTo(theirs);
    }

    private static Random copy(Random random) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Random) in.readObject();
        }
    }

    /** The init Lambda runs for a SnapStart snapshot. */
    private ForwarderHandler snapStartInit(Vendor vendor) {
        fixture = ForwarderFixture.start(vendor);
        fixture.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        return fixture.handler();
    }

    private String rotated(Vendor vendor) {
        return SecretRotationTest.rotated(vendor, fixture);
    }

    private static java.util.function.Predicate<FakeVendor.Request> usesCredential(Vendor vendor, String credential) {
        return switch (vendor) {
            case DATADOG -> r -> credential.equals(r.header("DD-API-KEY"));
            case SPLUNK -> r -> ("Splunk " + credential).equals(r.header("Authorization"));
            case SUMOLOGIC -> r -> credential.endsWith(r.path());
        };
    }
}
