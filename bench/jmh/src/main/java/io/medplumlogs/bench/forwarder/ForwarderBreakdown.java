package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.delivery.BenchAccess;
import io.medplumlogs.forwarder.delivery.Chunk;
import io.medplumlogs.forwarder.delivery.ChunkBuilder;
import io.medplumlogs.forwarder.delivery.Framing;
import io.medplumlogs.forwarder.delivery.Intake;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Profile follow-up (JFR does not see time in native zlib): where the forwarder's time goes per stage, per vendor,
 * plus what gzip at level 1 would cost. Prints milliseconds per batch, averaged after warm-up.
 */
public final class ForwarderBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        byte[] invocation = BatchFactory.build().invocation();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        for (String vendor : new String[] {"datadog", "splunk", "sumologic"}) {
            Intake intake = ForwarderBenchmark.intake(vendor);
            double[] t = new double[6];
            long gz6 = 0;
            long gz1 = 0;
            for (int r = 0; r < rounds * 2; r++) {
                long a = System.nanoTime();
                JsonNode outer = JSON.readTree(new String(invocation, StandardCharsets.UTF_8));
                SubscriptionEvent event = SubscriptionEventDecoder.decode(outer);
                long b = System.nanoTime();
                List<Chunk> chunks = new ChunkBuilder(intake).chunks(event);
                long c = System.nanoTime();
                List<String> bodies = new ArrayList<>();
                for (Chunk chunk : chunks) {
                    Framing framing = intake.framing();
                    bodies.add(framing.prefix() + String.join(framing.separator(), chunk.entries()) + framing.suffix());
                }
                long d = System.nanoTime();
                gz6 = 0;
                for (String body : bodies) {
                    gz6 += BenchAccess.gzip(body).length;
                }
                long e = System.nanoTime();
                gz1 = 0;
                for (String body : bodies) {
                    gz1 += gzipFast(body).length;
                }
                long f = System.nanoTime();
                ForwarderBenchmark.floor(invocation);
                long g = System.nanoTime();
                if (r >= rounds) {
                    t[0] += (b - a) / 1e6;
                    t[1] += (c - b) / 1e6;
                    t[2] += (d - c) / 1e6;
                    t[3] += (e - d) / 1e6;
                    t[4] += (f - e) / 1e6;
                    t[5] += (g - f) / 1e6;
                }
            }
            System.out.printf("%-10s decode %.1f ms | chunks (parse+encode+size) %.1f ms | framing %.1f ms | gzip(default) %.1f ms"
                    + " -> %d B | gzip(level 1) %.1f ms -> %d B | floor %.1f ms%n", vendor, t[0] / rounds,
                    t[1] / rounds, t[2] / rounds, t[3] / rounds, gz6, t[4] / rounds, gz1, t[5] / rounds);
        }
    }

    static byte[] gzipFast(String text) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private ForwarderBreakdown() {
    }
}
