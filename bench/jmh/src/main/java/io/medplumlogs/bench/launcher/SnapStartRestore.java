package io.medplumlogs.bench.launcher;

import java.lang.reflect.Method;

/**
 * The local stand-in for a SnapStart restore, shared by the cold-start launcher and the peer benchmark's runner: runs
 * the handler's {@code afterRestore} hook (org.crac {@code Resource}) as Lambda's runtime does after restoring a
 * snapshot, right before the first invocation. The JVM is not really checkpointed, so Lambda's own restore time is not
 * in it. Needs only the JDK, so that a runner can compile it next to itself on the unpacked zip's classpath.
 */
public final class SnapStartRestore {

    /** The system property that asks a launcher for the restore hook between init and the first invocation. */
    public static final String PROPERTY = "bench.restore";

    private SnapStartRestore() {
    }

    public static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Calls {@code handler.afterRestore(null)} when it has the hook (by reflection, so that a zip from before the hooks
     * existed runs too). Returns the hook's wall time in nanoseconds (0 without a hook).
     */
    public static long afterRestore(Object handler) throws ReflectiveOperationException {
        long start = System.nanoTime();
        for (Method hook : handler.getClass().getMethods()) {
            if (hook.getName().equals("afterRestore") && hook.getParameterCount() == 1) {
                hook.invoke(handler, (Object) null);
                return System.nanoTime() - start;
            }
        }
        return 0;
    }
}
