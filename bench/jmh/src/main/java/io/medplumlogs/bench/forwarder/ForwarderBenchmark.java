package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.delivery.BenchAccess;
import io.medplumlogs.forwarder.delivery.Chunk;
import io.medplumlogs.forwarder.delivery.ChunkBuilder;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.forwarder.splunk.SplunkIntake;
import io.medplumlogs.forwarder.sumologic.SumoLogicIntake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One ~1 MiB subscription invocation to the gzipped request bodies of each vendor, through the forwarder's own
 * classes (the path ForwarderHandler takes, minus HTTP): readTree of the invocation, SubscriptionEventDecoder.decode,
 * ChunkBuilder.chunks, Framing.body and VendorSender's gzip per chunk. The floor is readTree of the invocation +
 * base64 + gunzip + Jackson readTree of the decoded batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ForwarderBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"floor", "datadog", "splunk", "sumologic"})
    public String path;

    private byte[] invocation;
    private Intake intake;

    @Setup
    public void setup() {
        invocation = BatchFactory.build().invocation();
        intake = intake(path);
    }

    static Intake intake(String vendor) {
        URI base = URI.create("https://intake.invalid");
        return switch (vendor) {
            case "floor" -> null;
            case "datadog" -> new DatadogIntake(base, "api-key", Map.of());
            case "splunk" -> new SplunkIntake(base, "hec-token", Map.of());
            case "sumologic" -> new SumoLogicIntake(URI.create("https://intake.invalid/receiver/v1/http/token"),
                    Map.of());
            default -> throw new IllegalArgumentException(vendor);
        };
    }

    @Benchmark
    public void eventToPayloads(Blackhole bh) throws IOException {
        if (intake == null) {
            bh.consume(floor(invocation));
        } else {
            toPayloads(invocation, intake, bh);
        }
    }

    public static JsonNode floor(byte[] invocation) throws IOException {
        JsonNode outer = JSON.readTree(new String(invocation, StandardCharsets.UTF_8));
        byte[] gzipped = Base64.getMimeDecoder().decode(outer.path("awslogs").path("data").asText());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** @return total gzipped bytes */
    public static long toPayloads(byte[] invocation, Intake intake, Blackhole bh) throws IOException {
        JsonNode outer = JSON.readTree(new String(invocation, StandardCharsets.UTF_8));
        SubscriptionEvent event = SubscriptionEventDecoder.decode(outer);
        List<Chunk> chunks = new ChunkBuilder(intake).chunks(event);
        long total = 0;
        for (Chunk chunk : chunks) {
            byte[] body = BenchAccess.body(intake.framing(), chunk);
            total += body.length;
            if (bh != null) {
                bh.consume(body);
            }
        }
        return total;
    }
}
