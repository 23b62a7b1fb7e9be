package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which answers are retried, and that a vendor's Retry-After is never undercut by the jittered backoff. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), 5, 1, 10_000);

    @Test
    void aRetryAfterIsWaitedAtLeastEvenWhenTheBackoffWouldBeShorter() {
        for (int i = 0; i < 200; i++) {
            // base delay 1 ms: the jitter alone would draw 0 or 1
            assertThat(policy.backoffMillis(1, 2_000)).isEqualTo(2_000);
            assertThat(policy.backoffMillis(3, 3_000)).isEqualTo(3_000);
        }
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsCappedThere() {
        // a hostile or broken vendor asking for a day must not park the invocation past its deadline checks
        assertThat(policy.backoffMillis(1, 86_400_000L)).isEqualTo(10_000);
    }

    @Test
    void withoutRetryAfterTheBackoffIsJitteredUnderItsCeiling() {
        RetryPolicy wide = new RetryPolicy(Duration.ofSeconds(5), 5, 100, 10_000);
        for (int i = 0; i < 200; i++) {
            assertThat(wide.backoffMillis(1, 0)).isBetween(0L, 100L);
            assertThat(wide.backoffMillis(4, 0)).isBetween(0L, 800L);
            assertThat(wide.backoffMillis(30, 0)).isBetween(0L, 10_000L);
        }
    }

    @Test
    void requestTimeoutThrottlingAndServerErrorsAreRetriedOtherClientErrorsAreNot() {
        assertThat(VendorSender.retryable(408)).isTrue();
        assertThat(VendorSender.retryable(429)).isTrue();
        assertThat(VendorSender.retryable(500)).isTrue();
        assertThat(VendorSender.retryable(503)).isTrue();
        assertThat(VendorSender.retryable(400)).isFalse();
        assertThat(VendorSender.retryable(401)).isFalse();
        assertThat(VendorSender.retryable(403)).isFalse();
        assertThat(VendorSender.retryable(413)).isFalse();
    }
}
