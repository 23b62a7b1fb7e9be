package io.medplumlogs.forwarder.delivery;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The random source of retry jitter. Not {@code ThreadLocalRandom}: its per-thread seed is set on first use (the JDK's
 * own collections use it during init), so every execution environment restored from one SnapStart snapshot would draw
 * the same "random" backoffs and retry a throttling vendor in lockstep. {@link #reseed()} runs after each restore.
 */
public final class Jitter {

    private static volatile Random source = fresh();

    private Jitter() {
    }

    /** A uniformly drawn value in {@code [0, ceiling]}. */
    static long upTo(long ceiling) {
        return source.nextLong(ceiling + 1);
    }

    /** A new seed; SecureRandom is what AWS's SnapStart guidance names as unique per restored environment. */
    public static void reseed() {
        source = fresh();
    }

    /** The current source, for tests that copy it as a snapshot would. */
    static Random source() {
        return source;
    }

    private static Random fresh() {
        return new Random(new SecureRandom().nextLong() ^ System.nanoTime());
    }
}
