package io.medplumlogs.bench.ab;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.*;

/**
 * A/B of two (or more) forwarder builds in one JVM: each build and the bench classes in their own child-first class
 * loader, the floor and every build's three vendor paths interleaved in an order rotated per round, so that both
 * builds see the same machine load. Same code path and process CPU time as {@code ForwarderCpuRatio} (also the
 * thread's, which has nanosecond resolution); ratio per round = path ÷ floor of that round, median over rounds.
 * Args: {@code <bench classes dir> <label>=<forwarder jar or classes dir>...}; env ROUNDS (10), ITERATIONS (40),
 * WARMUP (4). Run by {@code bench/forwarder/ab-cpu.sh}.
 */
public final class ForwarderCpuAb {
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) { super(urls, parent); }
        @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                boolean mine = (name.startsWith("io.medplumlogs.forwarder.") && !name.startsWith("io.medplumlogs.forwarder.testing."))
                        || name.startsWith("io.medplumlogs.bench.forwarder.");
                if (!mine) return super.loadClass(name, resolve);
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
    private record Version(String label, Method intake, Method toPayloads, Method floor) {}

    public static void main(String[] a) throws Exception {
        String bench = a[0];
        List<Version> versions = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            String[] lv = a[i].split("=", 2);
            ClassLoader l = new ChildFirst(new URL[] {Path.of(lv[1]).toUri().toURL(), Path.of(bench).toUri().toURL()},
                    ForwarderCpuAb.class.getClassLoader());
            Class<?> fb = l.loadClass("io.medplumlogs.bench.forwarder.ForwarderBenchmark");
            Method intake = fb.getDeclaredMethod("intake", String.class); intake.setAccessible(true);
            Class<?> intakeType = l.loadClass("io.medplumlogs.forwarder.delivery.Intake");
            Method to = fb.getMethod("toPayloads", byte[].class, intakeType, org.openjdk.jmh.infra.Blackhole.class);
            versions.add(new Version(lv[0], intake, to, fb.getMethod("floor", byte[].class)));
        }
        Class<?> bf = versions.get(0).intake.getDeclaringClass().getClassLoader().loadClass("io.medplumlogs.bench.forwarder.BatchFactory");
        Object batch = bf.getMethod("build").invoke(null);
        byte[] invocation = (byte[]) batch.getClass().getMethod("invocation").invoke(batch);
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "10"));
        int iterations = Integer.parseInt(System.getenv().getOrDefault("ITERATIONS", "40"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "4"));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean th = ManagementFactory.getThreadMXBean();
        List<String> tasks = new ArrayList<>();
        tasks.add("floor");
        for (Version v : versions) for (String p : List.of("datadog", "splunk", "sumologic")) tasks.add(v.label + ":" + p);
        Map<String, List<double[]>> ms = new LinkedHashMap<>();
        long bytes = 0;
        for (int r = 0; r < warmup + rounds; r++) {
            for (int k = 0; k < tasks.size(); k++) {
                String task = tasks.get((r + k) % tasks.size());
                Version v = task.equals("floor") ? versions.get(0) : versions.stream().filter(x -> task.startsWith(x.label + ":")).findFirst().get();
                Object intake = task.equals("floor") ? null : v.intake.invoke(null, task.substring(task.indexOf(':') + 1));
                long p0 = os.getProcessCpuTime(), t0 = th.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    if (intake == null) v.floor.invoke(null, (Object) invocation);
                    else bytes += (long) v.toPayloads.invoke(null, invocation, intake, null);
                }
                if (r >= warmup) ms.computeIfAbsent(task, x -> new ArrayList<>()).add(new double[] {
                        (os.getProcessCpuTime() - p0) / 1e6 / iterations, (th.getCurrentThreadCpuTime() - t0) / 1e6 / iterations});
            }
        }
        List<double[]> floor = ms.get("floor");
        System.out.printf("floor process %.2f ms, thread %.2f ms per batch%n", med(floor, 0, null), med(floor, 1, null));
        for (String task : tasks) {
            if (task.equals("floor")) continue;
            List<double[]> v = ms.get(task);
            StringBuilder per = new StringBuilder();
            for (int r = 0; r < v.size(); r++) per.append(String.format("%.2f ", v.get(r)[0] / floor.get(r)[0]));
            System.out.printf("%-16s process %.2f ms ratio %.2f [%s] | thread %.2f ms ratio %.2f%n", task, med(v, 0, null),
                    med(v, 0, floor), per.toString().trim(), med(v, 1, null), med(v, 1, floor));
        }
    }
    static double med(List<double[]> v, int col, List<double[]> by) {
        double[] x = new double[v.size()];
        for (int i = 0; i < x.length; i++) x[i] = v.get(i)[col] / (by == null ? 1 : by.get(i)[col]);
        Arrays.sort(x);
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }
}
