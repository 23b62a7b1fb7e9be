package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.MARKER;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.parse;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A secret read is bounded by the invocation like a vendor request: a Secrets Manager endpoint that takes the
 * connection and never answers would otherwise hold it for the SDK's 30 s. Lambda would end the invocation first and
 * retry it, sending the chunks it had delivered again, and the chunk that was rejected would not reach the DLQ.
 */
class SecretReadBoundTest {

    private static final long BUDGET_MILLIS = 6_000;

    ForwarderFixture fixture;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        ForwarderLog.redirect(null);
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A 401 after a chunk was delivered: the re-read stalls, the rejected chunk goes to the DLQ in time. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aStalledReadAfter401EndsInTimeAndTheChunkIsDeadLetteredNotResent(Vendor vendor) {
        ForwarderHandler handler = start(vendor, false);
        fixture.vendor.failWhen(r -> r.body().contains(MARKER), 401);
        fixture.secrets.stallAfter(0);
        List<String> lines = FaultInjectionTest.threeChunksOfLines();
        TestContext context = new TestContext(BUDGET_MILLIS);

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation(),
                context);

        assertThat(context.getRemainingTimeInMillis()).as("time left when the invocation returned").isPositive();
        assertThat(fixture.secrets.reads()).as("cold start, then the re-read after the 401").isEqualTo(2);
        assertThat(out).contains("\"chunks\":3", "\"chunksDeadLettered\":");
        // every line delivered once or in the DLQ, none both: the invocation succeeded, so Lambda resends nothing
        List<String> delivered = texts(fixture.vendor.acceptedEntries());
        List<String> deadLettered = new ArrayList<>();
        fixture.sqs.messages().forEach(m -> deadLettered.addAll(texts(parse(DeadLetterCodec.decode(m).chunk()
                .entries()))));
        assertThat(deadLettered).contains(MARKER + " 1050");
        assertThat(fixture.sqs.messages()).anySatisfy(m -> assertThat(m).contains("HTTP 401"));
        assertThat(delivered).isNotEmpty().doesNotHaveDuplicates().doesNotContainAnyElementsOf(deadLettered);
        List<String> all = new ArrayList<>(delivered);
        all.addAll(deadLettered);
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("LOGS AT RISK");

        // the send threads the timed-out read ran on still serve the next batch
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("next").invocation());
        assertThat(texts(fixture.vendor.accepted().get(fixture.vendor.accepted().size() - 1).entries()))
                .containsExactly("next");
    }

    /**
     * The first batch after a SnapStart restore reads the secret: when that read stalls, the invocation fails with its
     * reason and metrics line before its end (Lambda retries it), rather than being cut off by Lambda without them.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aStalledFirstReadAfterARestoreFailsTheInvocationBeforeItsEnd(Vendor vendor) {
        ForwarderHandler handler = start(vendor, true);
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
        fixture.secrets.stallAfter(0);
        TestContext context = new TestContext(BUDGET_MILLIS);

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines("a").invocation(), context))
                .hasMessageContaining(ForwarderContract.ENV_SECRET_ARN);

        assertThat(context.getRemainingTimeInMillis()).as("time left when the invocation failed").isPositive();
        assertThat(fixture.secrets.reads()).isEqualTo(1);
        assertThat(fixture.vendor.requests()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Invocation failed", "Forwarder metrics");
    }

    private ForwarderHandler start(Vendor vendor, boolean snapStart) {
        fixture = ForwarderFixture.start(vendor);
        fixture.environment().put(ForwarderContract.ENV_TIME_RESERVE_MS, "2000");
        if (snapStart) {
            fixture.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        ForwarderHandler handler = fixture.handler();
        ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        return handler;
    }
}
