package io.medplumlogs.forwarder.delivery;

/**
 * The point in time by which vendor retries must stop (the invocation's end minus the reserve kept for DLQ writes),
 * and the invocation's end itself, which DLQ writes must not pass. Monotonic clock, so wall-clock jumps cannot
 * stretch either.
 */
public final class Deadline {

    /** Kept back from DLQ writes at the very end: the LOGS AT RISK line and the metrics line still get written. */
    static final long FINAL_LINES_MILLIS = 200;
    /** No DLQ write or secret read waits longer than the SDK's own call timeout (AwsClients). */
    static final long MAX_CALL_MILLIS = 30_000;

    private final long endNanos;
    private final long invocationEndNanos;

    private Deadline(long endNanos, long invocationEndNanos) {
        this.endNanos = endNanos;
        this.invocationEndNanos = invocationEndNanos;
    }

    /** Retries for {@code millis}; DLQ writes get no time of their own beyond it. */
    public static Deadline inMillis(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        return new Deadline(end, end);
    }

    /**
     * @param invocationMillis what is left of the invocation (Lambda's remaining time)
     * @param reserveMillis the end of it kept from retries for DLQ writes
     */
    public static Deadline ofInvocation(long invocationMillis, long reserveMillis) {
        long now = System.nanoTime();
        return new Deadline(now + Math.max(0, invocationMillis - reserveMillis) * 1_000_000L,
                now + Math.max(0, invocationMillis) * 1_000_000L);
    }

    /** Time left for vendor requests and their retries. */
    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
    }

    /**
     * How long a secret read may take now: no longer than a vendor request could ({@link #remainingMillis}), so the
     * reserve stays free for DLQ writes, and never more than the SDK's call timeout; at least 1 ms (the read then
     * fails, as one that timed out).
     */
    long secretReadMillis() {
        return Math.max(1, Math.min(MAX_CALL_MILLIS, remainingMillis()));
    }

    /**
     * How long a DLQ write, or a redrive's receive or delete, may take now: until the invocation's end, less a moment
     * for the lines that say how it ended, and never more than the SDK's call timeout; at least 1 ms (a write then
     * fails, and so does the invocation, which Lambda retries: nothing is lost).
     */
    long queueCallMillis() {
        long left = (invocationEndNanos - System.nanoTime()) / 1_000_000L - FINAL_LINES_MILLIS;
        return Math.max(1, Math.min(MAX_CALL_MILLIS, left));
    }
}
