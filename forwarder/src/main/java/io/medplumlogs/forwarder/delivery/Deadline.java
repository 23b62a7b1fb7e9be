package io.medplumlogs.forwarder.delivery;

/**
 * The point in time by which vendor retries must stop: the invocation's end minus the reserve kept for DLQ writes.
 * Monotonic clock, so wall-clock jumps cannot stretch it.
 */
public final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline inMillis(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L);
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
    }
}
