package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A request body gunzips (with the gzip trailer's CRC and length checked) to exactly the framed entries, whatever
 * their number and size, and one sender's body stays that while other bodies are made by the same instance.
 */
class GzipBodyTest {

    private static final int STAGE = 64 * 1024;

    private final GzipBody gzip = new GzipBody();
    private final Random random = new Random(12);

    @Test
    void noEntriesGunzipToTheFramingAlone() {
        assertThat(gunzip(gzip.of(Framing.JSON_ARRAY, List.of()))).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
        assertThat(gunzip(gzip.of(Framing.LINES, List.of()))).isEmpty();
    }

    @Test
    void entriesAroundAndAboveTheStagingBufferArriveExactly() {
        for (int size : new int[] {STAGE - 2, STAGE - 1, STAGE, STAGE + 1, 3 * STAGE + 7}) {
            for (Framing framing : List.of(Framing.JSON_ARRAY, Framing.LINES)) {
                List<byte[]> entries = List.of(entry(10), entry(size), entry(size), entry(1));
                assertThat(gunzip(gzip.of(framing, entries))).as("entries of %d bytes", size)
                        .isEqualTo(framed(framing, entries));
            }
        }
    }

    @Test
    void incompressibleMebibytesAndManySmallEntriesArriveExactly() {
        List<byte[]> incompressible = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            incompressible.add(entry(random.nextInt(100_000)));
        }
        assertThat(gunzip(gzip.of(Framing.LINES, incompressible))).isEqualTo(framed(Framing.LINES, incompressible));
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            small.add(("{\"n\":" + i + ",\"msg\":\"Grüße 患者 🩺\"}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(gunzip(gzip.of(Framing.JSON_ARRAY, small))).isEqualTo(framed(Framing.JSON_ARRAY, small));
        // the same instance after a big body: nothing of it is left in the next one
        List<byte[]> one = List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(gunzip(gzip.of(Framing.LINES, one))).isEqualTo(framed(Framing.LINES, one));
    }

    @Test
    void bodiesMadeAtTheSameTimeByOneSenderEachArriveExactly() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<byte[]> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                entries.add(entry(t * 3000 + i * 50));
            }
            Framing framing = t % 2 == 0 ? Framing.LINES : Framing.JSON_ARRAY;
            tasks.add(() -> {
                for (int round = 0; round < 5; round++) {
                    if (!java.util.Arrays.equals(gunzip(gzip.of(framing, entries)), framed(framing, entries))) {
                        return false;
                    }
                }
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A JSON object of about {@code bytes} bytes of random (barely compressible) non-ASCII and ASCII text. */
    private byte[] entry(int bytes) {
        StringBuilder text = new StringBuilder("{\"msg\":\"");
        String alphabet = "abcdefghijklmnopqrstuvwxyzäöü患者";
        while (text.length() < bytes - 2) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] framed(Framing framing, List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(framing.prefix().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.writeBytes(framing.separator().getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(entries.get(i));
        }
        out.writeBytes(framing.suffix().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
