package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.medplumlogs.forwarder.delivery.Intake;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU path of {@link ForwarderBenchmark} (same code: event to gzipped bodies, and the floor) timed in process CPU
 * time instead of wall time, for a machine shared with other work, where JMH's wall times swing by several times.
 * Every round runs floor, datadog, splunk and sumologic, in an order rotated per round, {@code ITERATIONS} batches
 * each after {@code WARMUP} rounds; ratio per round = vendor ÷ floor of the same round; result = median over rounds,
 * with the per-round ratios as spread. Run with {@code -XX:+UseSerialGC} (collections count: they run on the VM
 * thread, within the process CPU time). Args: {@code <out dir>}; env ROUNDS (8), ITERATIONS (20), WARMUP (3).
 */
public final class ForwarderCpuRatio {

    private static final String[] PATHS = {"floor", "datadog", "splunk", "sumologic"};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "8"));
        int iterations = Integer.parseInt(System.getenv().getOrDefault("ITERATIONS", "20"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "3"));
        byte[] invocation = BatchFactory.build().invocation();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<Double>> cpuMs = new LinkedHashMap<>();
        for (int round = 0; round < warmup + rounds; round++) {
            for (int k = 0; k < PATHS.length; k++) {
                String path = PATHS[(round + k) % PATHS.length];
                Intake intake = ForwarderBenchmark.intake(path);
                long start = os.getProcessCpuTime();
                for (int i = 0; i < iterations; i++) {
                    if (intake == null) {
                        ForwarderBenchmark.floor(invocation);
                    } else {
                        ForwarderBenchmark.toPayloads(invocation, intake, null);
                    }
                }
                if (round >= warmup) {
                    cpuMs.computeIfAbsent(path, p -> new ArrayList<>())
                            .add((os.getProcessCpuTime() - start) / 1e6 / iterations);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("rounds", rounds);
        result.put("iterations_per_round", iterations);
        ObjectNode ms = result.putObject("cpu_ms_per_batch_median");
        ObjectNode ratios = result.putObject("ratio_vs_floor_median");
        ObjectNode spread = result.putObject("ratio_vs_floor_per_round");
        List<Double> floor = cpuMs.get("floor");
        ms.put("floor", round2(median(floor)));
        for (String path : List.of("datadog", "splunk", "sumologic")) {
            List<Double> values = cpuMs.get(path);
            List<Double> perRound = new ArrayList<>();
            for (int r = 0; r < values.size(); r++) {
                perRound.add(values.get(r) / floor.get(r));
            }
            ms.put(path, round2(median(values)));
            ratios.put(path, round2(median(perRound)));
            ArrayNode s = spread.putArray(path);
            perRound.forEach(v -> s.add(round2(v)));
            System.out.printf("%-10s %.2f ms CPU per batch (floor %.2f): ratio %.2f, per round %s%n", path,
                    median(values), median(floor), median(perRound), s);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("cpu-ratio.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private ForwarderCpuRatio() {
    }
}
