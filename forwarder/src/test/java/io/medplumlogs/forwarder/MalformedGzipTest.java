package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * forwarder.adoc#failure-semantics: "Malformed input (not JSON, not base64, not gzip, ...) fails that invocation with
 * a clear message; the execution environment keeps serving the next one." Damaged real batches rather than junk: a
 * gzip stream cut short (its trailer, or half of it, lost), a corrupted checksum, awslogs.data of the wrong type,
 * an event whose message is not a string. None may be forwarded in part, none may stop the next invocation.
 */
class MalformedGzipTest {

    final ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG);
    final ForwarderHandler handler = fixture.handler();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO_TRAILER", "HALF", "BAD_CRC", "DATA_NUMBER", "DATA_EMPTY", "MESSAGE_NUMBER",
            "NO_TIMESTAMP"})
    void aDamagedBatchFailsClearlyForwardsNothingAndTheNextInvocationWorks(String damage) {
        byte[] gzipped = SubscriptionEvents.gzip(SubscriptionEvents.builder().lines("one", "two", "three")
                .decodedJson());
        String payload = switch (damage) {
            case "NO_TRAILER" -> data(Arrays.copyOf(gzipped, gzipped.length - 8));
            case "HALF" -> data(Arrays.copyOf(gzipped, gzipped.length / 2));
            case "BAD_CRC" -> {
                byte[] bad = gzipped.clone();
                bad[bad.length - 8] ^= 0x55;
                yield data(bad);
            }
            case "DATA_NUMBER" -> "{\"awslogs\":{\"data\":42}}";
            case "DATA_EMPTY" -> "{\"awslogs\":{\"data\":\"\"}}";
            case "MESSAGE_NUMBER" -> data(SubscriptionEvents.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\","
                    + "\"logStream\":\"s\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\"ok\"},"
                    + "{\"id\":\"2\",\"timestamp\":1,\"message\":42}]}"));
            default -> data(SubscriptionEvents.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\","
                    + "\"logStream\":\"s\",\"logEvents\":[{\"id\":\"1\",\"message\":\"ok\"}]}"));
        };

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler, payload))
                .as(damage).isInstanceOf(MalformedEventException.class);
        assertThat(fixture.vendor.requests()).as("nothing of a damaged batch is sent").isEmpty();

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("still serving").invocation());
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                .containsExactly("still serving");
    }

    private static String data(byte[] gzipped) {
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzipped) + "\"}}";
    }
}
