package io.medplumlogs.forwarder.delivery;

import java.time.Duration;

/**
 * Exponential backoff with full jitter (AWS architecture blog's recommendation): many forwarders throttled at once do
 * not retry in lockstep. The random source is {@link Jitter}, re-seeded after a SnapStart restore.
 *
 * @param requestTimeout per-attempt timeout of a vendor request
 * @param maxAttempts attempts per chunk, first one included
 * @param baseDelayMillis ceiling of the first backoff
 * @param maxDelayMillis ceiling of any backoff
 */
public record RetryPolicy(Duration requestTimeout, int maxAttempts, long baseDelayMillis, long maxDelayMillis) {

    /** Backoff before attempt {@code attempt + 1}, where {@code attempt} is 1 after the first failure. */
    public long backoffMillis(int attempt, long retryAfterMillis) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(20, attempt - 1));
        long jittered = Jitter.upTo(ceiling);
        return Math.max(jittered, Math.min(retryAfterMillis, maxDelayMillis));
    }
}
