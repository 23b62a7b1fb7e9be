package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.Vendor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh-JVM measurements of the packaged forwarder against the test-jar's in-process fakes (vendor intake, Secrets
 * Manager, SQS) on 127.0.0.1, which run in this JVM; the forwarder runs in a child JVM from the unpacked zip.
 * <p>
 * Args: {@code <unpacked zip dir> <launcher classes dir> <out dir>}. Writes {@code <out dir>/lambda.json}.
 */
public final class ForwarderHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] HEAP_STEPS_MIB = {16, 24, 32, 48, 64, 96, 128};
    private static final Pattern TIMING = Pattern.compile("handle_ms=(\\d+) uptime_ms=(\\d+)");

    public static void main(String[] args) throws Exception {
        Path zipDir = Path.of(args[0]);
        Path launcherClasses = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        BatchFactory.Batch batch = BatchFactory.build();
        Path batchFile = out.resolve("batch-1mib.json");
        Files.write(batchFile, batch.invocation());
        Path smallFile = out.resolve("small.json");
        Files.write(smallFile, SubscriptionEvents.awsDocsSample().invocation());
        String classpath = zipDir + File.pathSeparator + zipDir.resolve("lib") + File.separator + "*"
                + File.pathSeparator + launcherClasses;

        ObjectNode result = JSON.createObjectNode();
        ObjectNode b = result.putObject("batch");
        b.put("decoded_bytes", batch.decodedBytes());
        b.put("invocation_bytes", batch.invocation().length);
        b.put("events", batch.events());
        b.put("audit_info_warn_error", batch.mix()[0] + "/" + batch.mix()[1] + "/" + batch.mix()[2] + "/" + batch.mix()[3]);
        System.out.println("batch: " + b);

        // HEAP_ONLY=1: only the -Xmx128m peak-heap child per vendor (no cold starts, no heap steps)
        boolean heapOnly = "1".equals(System.getenv("HEAP_ONLY"));
        ObjectNode vendors = result.putObject("vendors");
        for (Vendor vendor : Vendor.values()) {
            ObjectNode v = vendors.putObject(vendor.id());
            try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
                if (!heapOnly) {
                    coldStarts(v, fixture, classpath, batchFile, smallFile, out, batch.events(), vendor);
                }
                // peak heap: -Xmx128m, the batch 5 times (first = cold), GC log for the live set
                ObjectNode heap = child(fixture, classpath, List.of("-XX:+UseSerialGC", "-Xmx128m",
                        "-Xlog:gc:file=" + out.resolve(vendor.id() + "-gc.log")), 5, batchFile, out,
                        vendor.id() + "-heap128", batch.events());
                heap.put("max_after_gc_mib", maxAfterGc(out.resolve(vendor.id() + "-gc.log")));
                v.set("xmx128m", heap);
                if (!heapOnly) {
                    v.put("smallest_xmx_mib_ok", smallestHeap(fixture, classpath, batchFile, out, batch.events(),
                            vendor));
                }
            }
            System.out.println(vendor.id() + ": " + v);
        }
        Files.writeString(out.resolve("lambda.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static void coldStarts(ObjectNode v, ForwarderFixture fixture, String classpath, Path batchFile,
            Path smallFile, Path out, int events, Vendor vendor) throws IOException, InterruptedException {
        // cold start: JVM start -> first event handled; 1 MiB batch first, default JIT and C1 only
        v.set("cold_start_1mib", child(fixture, classpath, List.of("-XX:+UseSerialGC"), 1, batchFile, out,
                vendor.id() + "-cold-1mib", events));
        v.set("cold_start_1mib_c1", child(fixture, classpath, List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                1, batchFile, out, vendor.id() + "-cold-1mib-c1", events));
        v.set("cold_start_small", child(fixture, classpath, List.of("-XX:+UseSerialGC"), 1, smallFile, out,
                vendor.id() + "-cold-small", 1));
    }

    /** The smallest heap in {@link #HEAP_STEPS_MIB} that still delivers the whole batch; -1 if none does. */
    private static int smallestHeap(ForwarderFixture fixture, String classpath, Path batchFile, Path out, int events,
            Vendor vendor) throws IOException, InterruptedException {
        for (int mib : HEAP_STEPS_MIB) {
            ObjectNode run = child(fixture, classpath, List.of("-XX:+UseSerialGC", "-Xmx" + mib + "m"), 1,
                    batchFile, out, vendor.id() + "-xmx" + mib, events);
            if (run.path("ok").asBoolean()) {
                return mib;
            }
        }
        return -1;
    }

    /** One child JVM on the unpacked zip; its TIMING/RESULT/HEAP lines as JSON, its output in {@code <name>.log}. */
    static ObjectNode child(ForwarderFixture fixture, String classpath, List<String> jvmArgs, int repeat,
            Path payload, Path out, String name, int expectedEntries) throws IOException, InterruptedException {
        ProcessBuilder pb = launcher(fixture, classpath, jvmArgs, repeat, payload);
        long spawned = System.nanoTime();
        Process process = pb.start();
        ObjectNode r = JSON.createObjectNode();
        ArrayNode handles = r.putArray("handle_ms");
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        int results = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("TIMING main_uptime_ms=")) {
                    r.put("main_uptime_ms", Long.parseLong(line.replaceAll(".*main_uptime_ms=(\\d+).*", "$1")));
                } else if (line.startsWith("TIMING restore_ms=")) {
                    r.put("restore_ms", Long.parseLong(line.replaceAll(".*restore_ms=(\\d+).*", "$1")));
                } else if (line.startsWith("TIMING init_uptime_ms=")) {
                    r.put("init_uptime_ms", Long.parseLong(line.replaceAll(".*init_uptime_ms=(\\d+).*", "$1")));
                } else if (line.startsWith("TIMING payload=")) {
                    Matcher m = TIMING.matcher(line);
                    if (m.find()) {
                        handles.add(Long.parseLong(m.group(1)));
                        if (!r.has("first_event_uptime_ms")) {
                            r.put("first_event_uptime_ms", Long.parseLong(m.group(2)));
                            r.put("first_event_wall_ms_from_spawn", (System.nanoTime() - spawned) / 1_000_000);
                        }
                    }
                } else if (line.startsWith("RESULT ")) {
                    results++;
                    JsonNode summary = JSON.readTree(line.substring(7));
                    ok &= summary.path("entriesDelivered").asInt() == expectedEntries
                            && summary.path("chunksDeadLettered").asInt() == 0;
                    r.put("chunks", summary.path("chunks").asInt());
                } else if (line.startsWith("HEAP ")) {
                    long peak = Long.parseLong(line.replaceAll(".*peak_pools_bytes=(\\d+).*", "$1"));
                    r.put("peak_heap_pools_mib", Math.round(peak / 1048576.0 * 10) / 10.0);
                }
            }
        }
        int exit = process.waitFor();
        ok &= exit == 0 && results == repeat;
        r.put("exit", exit);
        r.put("ok", ok);
        Files.write(out.resolve(name + ".log"), lines);
        return r;
    }

    /** A child JVM on the unpacked zip that loads the handler by name and handles {@code payload} {@code repeat} times. */
    static ProcessBuilder launcher(ForwarderFixture fixture, String classpath, List<String> jvmArgs, int repeat,
            Path payload) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add("io.medplumlogs.bench.launcher.ColdStartLauncher");
        command.add(Integer.toString(repeat));
        command.add(payload.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(fixture.environment());
        return pb;
    }

    /** Largest heap occupancy after a collection in a unified GC log ({@code 30M->12M(123M)}). */
    private static double maxAfterGc(Path gcLog) throws IOException {
        Pattern p = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(");
        double max = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                double v = Double.parseDouble(m.group(3));
                v = switch (m.group(4)) {
                    case "K" -> v / 1024;
                    case "G" -> v * 1024;
                    default -> v;
                };
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private ForwarderHarness() {
    }
}
