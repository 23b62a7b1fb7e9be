package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed event gets a clear error, and the same handler keeps serving the next invocation. */
class MalformedEventTest {

    final ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG);
    final ForwarderHandler handler = fixture.handler();

    @AfterEach
    void stop() {
        fixture.close();
        ForwarderLog.redirect(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"hello\":1}", "{\"awslogs\":{\"data\":\"%%%\"}}",
            "{\"awslogs\":{\"data\":\"aGVsbG8=\"}}", "GZIP_OF_NON_JSON"})
    void malformedPayloadFailsClearlyAndTheNextInvocationWorks(String payload) {
        String actual = payload.equals("GZIP_OF_NON_JSON")
                ? "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip("<xml/>")) + "\"}}"
                : payload;
        assertThatThrownBy(() -> ForwarderFixture.invoke(handler, actual))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageMatching("(?s).*(not JSON|not a CloudWatch Logs subscription event|not base64|not gzip).*");

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("still serving").invocation());
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                .containsExactly("still serving");
    }

    @Test
    void aGzipBombIsRefusedBeforeItIsHeldInMemoryAndTheNextInvocationWorks() throws Exception {
        // 1 MB of gzip can inflate to 1 GB: one message of just over the bound, from a payload of about 33 KB
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"/g\",\"logStream\":\"s\","
                    + "\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'A');
            for (int i = 0; i <= SubscriptionEventDecoder.MAX_DECOMPRESSED_BYTES >> 20; i++) {
                out.write(block);
            }
            out.write("\"}]}".getBytes(StandardCharsets.US_ASCII));
        }
        String bomb = "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}";

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler, bomb)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("awslogs.data decompresses to more than " + (32 * 1024 * 1024) + " bytes");

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("still serving").invocation());
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                .containsExactly("still serving");
    }

    @Test
    void dataAfterTheBatchIsRefusedNeverDropped() {
        // two gzip members: a second batch behind the first would otherwise vanish with the first delivered
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(SubscriptionEvents.gzip(SubscriptionEvents.builder().lines("member one").decodedJson()));
        both.writeBytes(SubscriptionEvents.gzip(SubscriptionEvents.builder().lines("member two").decodedJson()));
        String payload = "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(both.toByteArray()) + "\"}}";

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler, payload)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not gzip-compressed JSON").hasMessageContaining("Trailing token");
        assertThat(fixture.vendor.acceptedEntries()).isEmpty();
    }

    @Test
    void ownLogsAreJsonLines() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ForwarderLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ForwarderFixture.invoke(handler, "{\"hello\":1}"));
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("x").invocation());

        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line ->
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).has("level")).isTrue());
        assertThat(lines[0]).contains("\"level\":\"ERROR\"", "\"msg\":\"Malformed invocation payload");
        assertThat(lines[1]).contains("\"msg\":\"Forwarded log events\"", "\"entriesDelivered\":1");
    }

    static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
