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
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the batch's bytes become events: read into an array sized by the gzip trailer (data longer than the trailer says,
 * as with several gzip members, still arrives whole, in order), and decoded as UTF-8 the JDK's way.
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

    /**
     * Bytes that are not UTF-8 (an overlong '/', an encoded surrogate half, a code point above U+10FFFF, a lead byte
     * UTF-8 never uses) are decoded as the JDK decodes them, each bad sequence as U+FFFD: never as the character a
     * lenient decoder makes of it ('/' from {@code C0 AF}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "C1BF", "E080AF", "F08080AF", "F4908080", "F5808080", "EDA080"})
    void invalidUtf8IsDecodedAsTheJdkDecodesIt(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        String json = SubscriptionEvents.builder().lines("before", "a BAD b", "{\"level\":\"INFO\",\"msg\":\"BAD\"}")
                .decodedJson();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] parts = json.split("BAD", -1);
        for (int i = 0; i < parts.length; i++) {
            bytes.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
            if (i + 1 < parts.length) {
                bytes.writeBytes(bad);
            }
        }
        byte[] data = bytes.toByteArray();
        fixture = ForwarderFixture.start(Vendor.SUMOLOGIC);

        ForwarderFixture.invoke(fixture.handler(), ("{\"awslogs\":{\"data\":\""
                + Base64.getEncoder().encodeToString(gzip(data, 0, data.length)) + "\"}}").getBytes(StandardCharsets.UTF_8));

        String decoded = new String(bad, StandardCharsets.UTF_8);
        assertThat(decoded).matches("\uFFFD+");
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.has("message") ? e.get("message").asText()
                : e.get("msg").asText()).containsExactly("before", "a " + decoded + " b", decoded);
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
