package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warm end-to-end: the packaged forwarder in a child JVM (unpacked zip, loaded by name like Lambda's runtime) handles
 * the 1 MiB batch {@code RUNS} times against the test-jar's fake intake, Secrets Manager and SQS in this JVM
 * (127.0.0.1). A run is one whole {@code handleRequest}: read, decode, chunk, encode, gzip, HTTP to the intake and its
 * answer, metrics line. The first {@code WARMUP} runs of each child are discarded; the warm value of a child is the
 * median of the rest (also the child's process CPU time per run: robust to a machine shared with other work).
 * Vendors run interleaved, in an order rotated per round, one fresh child and fixture each.
 * <p>
 * Args: {@code <unpacked zip dir> <launcher classes dir> <out dir>}; env {@code ROUNDS} (5), {@code RUNS} (40),
 * {@code WARMUP} (20), {@code JIT} ({@code deployed} = the generator's {@link ForwarderContract#JVM_OPTIONS}, or
 * {@code default}). Writes {@code <out dir>/warm-<JIT>.json}.
 */
public final class ForwarderWarm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMING = Pattern.compile("handle_ms=(\\d+).*cpu_ms=(\\d+)");

    public static void main(String[] args) throws Exception {
        Path zipDir = Path.of(args[0]);
        Path launcherClasses = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "40"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "20"));
        String jit = System.getenv().getOrDefault("JIT", "deployed");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (jit.equals("deployed")) {
            jvm.addAll(Arrays.asList(ForwarderContract.JVM_OPTIONS.split(" ")));
        }
        BatchFactory.Batch batch = BatchFactory.build();
        Path batchFile = out.resolve("batch-1mib.json");
        Files.write(batchFile, batch.invocation());
        String classpath = zipDir + File.pathSeparator + zipDir.resolve("lib") + File.separator + "*"
                + File.pathSeparator + launcherClasses;

        Vendor[] vendors = Vendor.values();
        Map<Vendor, List<Double>> perRound = new LinkedHashMap<>();
        Map<Vendor, List<Double>> cpuPerRound = new LinkedHashMap<>();
        ObjectNode result = JSON.createObjectNode();
        result.put("jit", jit);
        result.put("jvm_options", String.join(" ", jvm));
        result.put("rounds", rounds);
        result.put("runs_per_child", runs);
        result.put("warmup_runs_discarded", warmup);
        ObjectNode raw = result.putObject("raw_handle_ms");
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < vendors.length; k++) {
                Vendor vendor = vendors[(round + k) % vendors.length];
                try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
                    List<Long> cpu = new ArrayList<>();
                    List<Long> handles = child(fixture, classpath, jvm, runs, batchFile, batch.events(), cpu);
                    double warm = median(handles.subList(Math.min(warmup, handles.size() - 1), handles.size()));
                    perRound.computeIfAbsent(vendor, v -> new ArrayList<>()).add(warm);
                    cpuPerRound.computeIfAbsent(vendor, v -> new ArrayList<>())
                            .add(median(cpu.subList(Math.min(warmup, cpu.size() - 1), cpu.size())));
                    ObjectNode vendorRaw = raw.has(vendor.id()) ? (ObjectNode) raw.get(vendor.id())
                            : raw.putObject(vendor.id());
                    ArrayNode a = vendorRaw.putArray("round" + (round + 1));
                    handles.forEach(a::add);
                    System.out.printf("round %d %-10s warm median %.1f ms, process CPU %.1f ms (runs %s)%n",
                            round + 1, vendor.id(), warm, cpuPerRound.get(vendor).get(round), handles);
                }
            }
        }
        ObjectNode warmMs = result.putObject("warm_end_to_end_ms");
        ObjectNode spread = result.putObject("warm_end_to_end_spread_ms");
        for (Map.Entry<Vendor, List<Double>> e : perRound.entrySet()) {
            List<Double> values = e.getValue();
            warmMs.put(e.getKey().id(), Math.round(median(values) * 10) / 10.0);
            ArrayNode s = spread.putArray(e.getKey().id());
            values.forEach(v -> s.add(Math.round(v * 10) / 10.0));
            System.out.printf("%-10s warm end-to-end %.1f ms (per-round medians %s)%n", e.getKey().id(),
                    median(values), values);
        }
        ObjectNode cpuMs = result.putObject("warm_end_to_end_process_cpu_ms");
        cpuPerRound.forEach((vendor, values) -> cpuMs.put(vendor.id(), Math.round(median(values) * 10) / 10.0));
        System.out.println("process CPU per warm invocation (median over rounds): " + cpuMs);
        Files.writeString(out.resolve("warm-" + jit + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static List<Long> child(ForwarderFixture fixture, String classpath, List<String> jvmArgs, int repeat,
            Path payload, int expectedEntries, List<Long> cpu) throws IOException, InterruptedException {
        ProcessBuilder pb = ForwarderHarness.launcher(fixture, classpath, jvmArgs, repeat, payload);
        Process process = pb.start();
        List<Long> handles = new ArrayList<>();
        int delivered = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("TIMING payload=")) {
                    Matcher m = TIMING.matcher(line);
                    if (m.find()) {
                        handles.add(Long.parseLong(m.group(1)));
                        cpu.add(Long.parseLong(m.group(2)));
                    }
                } else if (line.startsWith("RESULT ")
                        && JSON.readTree(line.substring(7)).path("entriesDelivered").asInt() == expectedEntries) {
                    delivered++;
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || delivered != repeat || handles.size() != repeat) {
            throw new IllegalStateException("forwarder child failed: exit " + exit + ", " + delivered + "/" + repeat
                    + " runs delivered every entry");
        }
        return handles;
    }

    private static double median(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private ForwarderWarm() {
    }
}
