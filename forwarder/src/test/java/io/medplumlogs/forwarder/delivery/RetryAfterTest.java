package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A vendor that throttles with a numeric Retry-After gets its wait, up to the longest backoff
 * ({@code MEDPLUM_LOGS_RETRY_MAX_DELAY_MS}), before the chunk's next request; the jittered backoff alone (here at most
 * 5 ms) would come back at once and be throttled again, using up the chunk's attempts.
 */
class RetryAfterTest {

    @ParameterizedTest
    @CsvSource({
            "1, 1000", // one second, within the longest backoff
            "30, 1200", // longer than the longest backoff: that
            "9223372036854776, 1200", // seconds that overflow a long as milliseconds: still a very long wait
            "99999999999999999999, 1200" }) // seconds beyond a long
    void aNumericRetryAfterIsWaitedUpToTheLongestBackoff(String retryAfter, long waitMillis) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put(ForwarderContract.ENV_RETRY_MAX_DELAY_MS, "1200");
            ForwarderHandler handler = fixture.handler();
            fixture.vendor.enqueue(Answer.throttled(retryAfter));

            long started = System.nanoTime();
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(fixture.vendor.requests()).extracting(FakeVendor.Request::status).containsExactly(429, 202);
            assertThat(tookMillis).as("Retry-After: " + retryAfter).isGreaterThanOrEqualTo(waitMillis);
            assertThat(tookMillis).isLessThan(waitMillis + 5_000);
        }
    }
}
