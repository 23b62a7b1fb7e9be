package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.delivery.BenchAccess;
import io.medplumlogs.forwarder.delivery.Chunk;
import io.medplumlogs.forwarder.delivery.ChunkBuilder;
import io.medplumlogs.forwarder.delivery.Intake;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Profile follow-up (JFR does not see time in native zlib): where the forwarder's time goes per stage, per vendor,
 * gzip as the sender does it. Prints milliseconds per batch, averaged after warm-up.
 */
public final class ForwarderBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        byte[] invocation = BatchFactory.build().invocation();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        for (String vendor : new String[] {"datadog", "splunk", "sumologic"}) {
            Intake intake = ForwarderBenchmark.intake(vendor);
            double[] t = new double[4];
            long gzipped = 0;
            for (int r = 0; r < rounds * 2; r++) {
                long a = System.nanoTime();
                JsonNode outer = JSON.readTree(new String(invocation, StandardCharsets.UTF_8));
                SubscriptionEvent event = SubscriptionEventDecoder.decode(outer);
                long b = System.nanoTime();
                List<Chunk> chunks = new ChunkBuilder(intake).chunks(event);
                long c = System.nanoTime();
                gzipped = 0;
                for (Chunk chunk : chunks) {
                    gzipped += BenchAccess.body(intake.framing(), chunk).length;
                }
                long d = System.nanoTime();
                ForwarderBenchmark.floor(invocation);
                long e = System.nanoTime();
                if (r >= rounds) {
                    t[0] += (b - a) / 1e6;
                    t[1] += (c - b) / 1e6;
                    t[2] += (d - c) / 1e6;
                    t[3] += (e - d) / 1e6;
                }
            }
            System.out.printf("%-10s decode %.1f ms | chunks (parse+encode+size) %.1f ms | gzip (as the sender) %.1f ms"
                    + " -> %d B | floor %.1f ms%n", vendor, t[0] / rounds, t[1] / rounds, t[2] / rounds, gzipped,
                    t[3] / rounds);
        }
    }

    private ForwarderBreakdown() {
    }
}
