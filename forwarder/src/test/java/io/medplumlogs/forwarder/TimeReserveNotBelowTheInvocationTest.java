package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@value ForwarderContract#ENV_TIME_RESERVE_MS} not below the function's timeout leaves vendor requests no time:
 * every chunk goes to the DLQ unsent, and redrive cannot send it either. The cold start cannot see the timeout (Lambda
 * gives it to invocations only), so the first invocation says so, naming the variable, once per execution
 * environment.
 */
class TimeReserveNotBelowTheInvocationTest {

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void aReserveThatLeavesNoTimeIsNamedOnceAndTheChunksWaitInTheDlq() throws IOException {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_TIME_RESERVE_MS, "120000");
            ForwarderHandler handler = fixture.handler();
            byte[] batch = SubscriptionEvents.builder().lines("a", "b").invocation();

            ForwarderFixture.invoke(handler, batch, 60_000);
            ForwarderFixture.invoke(handler, batch, 60_000);

            assertThat(fixture.vendor.arrived()).isZero();
            assertThat(fixture.sqs.messages()).hasSize(2); // nothing lost: both batches wait in the DLQ
            List<JsonNode> named = output.lines().stream()
                    .filter(l -> l.path("msg").asText().startsWith(ForwarderContract.ENV_TIME_RESERVE_MS)).toList();
            assertThat(named).as(output.text()).singleElement().satisfies(line -> {
                assertThat(line.path("level").asText()).isEqualTo("ERROR");
                assertThat(line.path("msg").asText()).isEqualTo(ForwarderContract.ENV_TIME_RESERVE_MS
                        + " is not below the invocation's time: vendor requests get none, every chunk goes to the"
                        + " DLQ unsent; set it below the function's timeout");
                assertThat(line.path("reserveMs").asLong()).isEqualTo(120_000);
                assertThat(line.path("invocationMs").asLong()).isBetween(50_000L, 60_000L); // what was left at its start
            });
        }
    }

    @Test
    void aReserveBelowTheInvocationSaysNothing() throws IOException {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("a").invocation(), 60_000);
            assertThat(fixture.vendor.acceptedEntries()).hasSize(1);
            assertThat(output.text()).doesNotContain(ForwarderContract.ENV_TIME_RESERVE_MS);
        }
    }
}
