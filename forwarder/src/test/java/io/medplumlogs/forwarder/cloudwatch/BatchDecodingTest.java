package io.medplumlogs.forwarder.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batch is read into an array sized by the gzip trailer: data longer than the trailer says (gzip data of several
 * members, whose trailer counts only the last) still arrives whole, in order.
 */
class BatchDecodingTest {

    private ForwarderFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void dataOfSeveralGzipMembersArrivesWhole() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add("line " + i + " Zoë 🩺 " + "x".repeat(i % 200));
        }
        byte[] json = SubscriptionEvents.builder().lines(lines).decodedJson().getBytes(StandardCharsets.UTF_8);
        // three members, the last the smallest: its trailer declares 10 bytes of the whole
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(gzip(json, 0, json.length / 2));
        data.writeBytes(gzip(json, json.length / 2, json.length - 10));
        data.writeBytes(gzip(json, json.length - 10, json.length));
        fixture = ForwarderFixture.start(Vendor.SUMOLOGIC);

        ForwarderFixture.invoke(fixture.handler(), ("{\"awslogs\":{\"data\":\""
                + Base64.getEncoder().encodeToString(data.toByteArray()) + "\"}}").getBytes(StandardCharsets.UTF_8));

        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                .containsExactlyElementsOf(lines);
    }

    private static byte[] gzip(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes, from, to - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
