package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A failed chunk larger than one SQS message is split over several, each within SQS's limit, none lost. */
class DeadLetterCodecTest {

    @Test
    void largeIncompressibleChunkIsSplitIntoMessagesWithinTheSqsLimit() {
        Random random = new Random(42);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] noise = new byte[3000];
            random.nextBytes(noise);
            entries.add("{\"message\":\"" + java.util.Base64.getEncoder().encodeToString(noise) + "\"}");
        }
        Chunk chunk = new Chunk(entries, Map.of("X-Sumo-Name", "/ecs/app"));

        List<String> messages = DeadLetterCodec.encode(Vendor.SUMOLOGIC, chunk, "HTTP 503");

        assertThat(messages).hasSizeGreaterThan(1);
        List<String> back = new ArrayList<>();
        for (String message : messages) {
            assertThat(message.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(ForwarderContract.DLQ_MAX_MESSAGE_BYTES);
            DeadLetterCodec.Decoded decoded = DeadLetterCodec.decode(message);
            assertThat(decoded.vendor()).isEqualTo(Vendor.SUMOLOGIC);
            assertThat(decoded.chunk().metadataHeaders()).containsEntry("X-Sumo-Name", "/ecs/app");
            back.addAll(decoded.chunk().entries());
        }
        assertThat(back).containsExactlyElementsOf(entries);
    }

    /** A dead letter whose entries decompress past the batch bound is refused before it is held in memory. */
    @Test
    void aDeadLetterWhoseEntriesAreAGzipBombIsRefused() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'A');
            for (int i = 0; i <= 32; i++) {
                out.write(block);
            }
        }
        String body = "{\"medplumLogs\":\"dead-letter\",\"vendor\":\"datadog\",\"reason\":\"x\",\"headers\":{},"
                + "\"count\":1,\"entries\":\"" + java.util.Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeadLetterCodec.decode(body))
                .isInstanceOf(io.medplumlogs.forwarder.cloudwatch.MalformedEventException.class)
                .hasMessageContaining("decompress to more than");
    }

    @Test
    void aLoneSurrogateHalfInTheReasonBecomesAReplacementCharacterAndAPairStays() {
        assertThat(DeadLetterCodec.wholeText("cut \uD83D")).isEqualTo("cut \uFFFD");
        assertThat(DeadLetterCodec.wholeText("\uDE00 low first")).isEqualTo("\uFFFD low first");
        assertThat(DeadLetterCodec.wholeText("pair \uD83D\uDE00 ok")).isEqualTo("pair \uD83D\uDE00 ok");
        assertThat(DeadLetterCodec.wholeText("nonchar \uFFFF and \uFFFE")).isEqualTo("nonchar \uFFFD and \uFFFD");
        assertThat(DeadLetterCodec.wholeText("plain")).isSameAs("plain");
        assertThat(DeadLetterCodec.wholeText(null)).isNull();
    }
}
