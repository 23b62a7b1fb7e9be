package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.bench.launcher.SnapStartRestore;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cold start of the packaged forwarder, in rounds: a fresh child JVM per round (the deployed JVM options,
 * {@link ForwarderContract#JVM_OPTIONS}, plus {@code -XX:+UseSerialGC}), the 1 MiB batch handled twice against the
 * test-jar's in-process fakes. Two kinds of round, interleaved:
 * <ul>
 * <li>{@code on_demand}: a plain cold start (the secret read and one priming round in init);</li>
 * <li>{@code snapstart_proxy}: {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} (no secret in init, full priming),
 * then the {@code afterRestore} hook, then the batch: its first invocation stands in for the first one after a
 * SnapStart restore (the JVM was not really checkpointed; restore itself is Lambda's and not measured here).</li>
 * </ul>
 * Per round: JVM start to {@code main} ({@code jvm_ms}), handler construction ({@code init_ms}), first and second
 * invocation ({@code first_ms}, {@code second_ms}: the second is the warm reference), and process spawn to first
 * batch answered, wall clock ({@code spawn_to_first_ms}, what a peer's cold start is compared on).
 * <p>
 * Args: {@code <unpacked zip dir> <launcher classes dir> <out dir> [rounds]}. Writes {@code <out dir>/cold.json}.
 */
public final class ColdStartHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    public static void main(String[] args) throws Exception {
        Path zipDir = Path.of(args[0]);
        Path launcherClasses = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Files.createDirectories(out);
        BatchFactory.Batch batch = BatchFactory.build();
        Path batchFile = out.resolve("batch-1mib.json");
        Files.write(batchFile, batch.invocation());
        String classpath = zipDir + File.pathSeparator + zipDir.resolve("lib") + File.separator + "*"
                + File.pathSeparator + launcherClasses;
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC"));
        jvm.addAll(Arrays.asList(ForwarderContract.JVM_OPTIONS.split(" ")));
        List<String> restoring = new ArrayList<>(jvm);
        restoring.add("-D" + SnapStartRestore.PROPERTY + "=true");

        ObjectNode result = JSON.createObjectNode();
        result.put("rounds", rounds);
        result.put("jvm_options", String.join(" ", jvm));
        result.put("java", System.getProperty("java.version"));
        result.put("batch_events", batch.events());
        result.put("batch_decoded_bytes", batch.decodedBytes());
        ObjectNode vendors = result.putObject("vendors");
        for (Vendor vendor : Vendor.values()) {
            ObjectNode v = vendors.putObject(vendor.id());
            ArrayNode onDemand = v.putArray("on_demand");
            ArrayNode snap = v.putArray("snapstart_proxy");
            try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
                for (int round = 0; round < rounds; round++) {
                    fixture.environment().remove(INITIALIZATION_TYPE);
                    onDemand.add(round(fixture, classpath, jvm, batchFile, out, vendor, "on-demand-" + round,
                            batch.events()));
                    fixture.environment().put(INITIALIZATION_TYPE, "snap-start");
                    snap.add(round(fixture, classpath, restoring, batchFile, out, vendor, "snapstart-" + round,
                            batch.events()));
                }
                fixture.environment().remove(INITIALIZATION_TYPE);
            }
            System.out.println(vendor.id() + ": " + v);
        }
        Files.writeString(out.resolve("cold.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static ObjectNode round(ForwarderFixture fixture, String classpath, List<String> jvm, Path batch, Path out,
            Vendor vendor, String name, int events) throws Exception {
        ObjectNode run = ForwarderHarness.child(fixture, classpath, jvm, 2, batch, out, vendor.id() + "-cold-" + name,
                events);
        ObjectNode r = JSON.createObjectNode();
        long main = run.path("main_uptime_ms").asLong();
        r.put("jvm_ms", main);
        r.put("init_ms", run.path("init_uptime_ms").asLong() - main);
        if (run.has("restore_ms")) {
            r.put("restore_hook_ms", run.path("restore_ms").asLong());
        }
        r.put("first_ms", run.path("handle_ms").path(0).asLong());
        r.put("second_ms", run.path("handle_ms").path(1).asLong());
        r.put("spawn_to_first_ms", run.path("first_event_wall_ms_from_spawn").asLong());
        r.put("first_answered_uptime_ms", run.path("first_event_uptime_ms").asLong());
        r.put("ok", run.path("ok").asBoolean());
        return r;
    }

    private ColdStartHarness() {
    }
}
