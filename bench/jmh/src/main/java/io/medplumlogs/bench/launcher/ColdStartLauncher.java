package io.medplumlogs.bench.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on the unpacked Lambda zip's classpath (root:lib/*) plus this class only; loads the handler by
 * name as Lambda's Java runtime does. Args: repeat count, then payload files; every payload is handled {@code repeat}
 * times, in order. Prints JVM uptime when main starts, at handler construction and after each invocation, and the heap
 * pools' peaks. With {@code -Dbench.restore=true} ({@link SnapStartRestore}) the handler's SnapStart {@code afterRestore} hook (when it has one)
 * runs after construction, as Lambda runs it after restoring a snapshot: the first invocation then stands in for the
 * first one after a restore (the JVM has not really been checkpointed, so this is a lower bound).
 */
public class ColdStartLauncher {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        System.out.println("TIMING main_uptime_ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
        int repeat = Integer.parseInt(args[0]);
        String className = "io.medplumlogs.forwarder.ForwarderHandler";
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(className).getDeclaredConstructor()
                .newInstance();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("TIMING init_uptime_ms=" + uptime + " construct_ms=" + (System.nanoTime() - t0) / 1_000_000);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (SnapStartRestore.requested()) {
            System.out.println("TIMING restore_ms=" + SnapStartRestore.afterRestore(handler) / 1_000_000);
        }
        for (int a = 1; a < args.length; a++) {
            byte[] payload = Files.readAllBytes(Path.of(args[a]));
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                long end = System.currentTimeMillis() + 120_000;
                Context context = (Context) Proxy.newProxyInstance(ColdStartLauncher.class.getClassLoader(),
                        new Class<?>[] {Context.class}, (proxy, method, x) -> switch (method.getName()) {
                            case "getRemainingTimeInMillis" -> (int) (end - System.currentTimeMillis());
                            case "getMemoryLimitInMB" -> 1024;
                            case "getAwsRequestId", "getFunctionName" -> "bench";
                            default -> null;
                        });
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(payload), out, context);
                System.out.println("TIMING payload=" + a + " run=" + i + " handle_ms="
                        + (System.nanoTime() - start) / 1_000_000 + " uptime_ms="
                        + ManagementFactory.getRuntimeMXBean().getUptime() + " cpu_ms="
                        + (os.getProcessCpuTime() - cpu) / 1_000_000);
                System.out.println("RESULT " + out);
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("HEAP peak_pools_bytes=" + peak + " max_bytes="
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    }
}
