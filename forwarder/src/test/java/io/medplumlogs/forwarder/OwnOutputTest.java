package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the forwarder writes about itself: JSON lines that say which invocation they belong to. */
class OwnOutputTest {

    static final ObjectMapper JSON = new ObjectMapper();

    ForwarderFixture fixture;

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @BeforeEach
    void start() {
        fixture = ForwarderFixture.start(Vendor.DATADOG);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyLineOfAnInvocationCarriesItsRequestIdAndOnlyTheFirstIsTheColdStart() throws IOException {
        ForwarderHandler handler = fixture.handler();
        int setUpLines = output.lines().size();
        // first invocation: one retry and a permanent failure, so several lines come from deep in the delivery
        fixture.vendor.enqueue(Answer.status(503), Answer.status(400));
        invoke(handler, "req-1", SubscriptionEvents.builder().lines("a").invocation());
        int firstLines = output.lines().size();
        invoke(handler, "req-2", SubscriptionEvents.builder().lines("b").invocation());

        List<JsonNode> all = output.lines();
        assertThat(all.subList(0, setUpLines)).allSatisfy(line -> assertThat(line.has("awsRequestId")).isFalse());
        List<JsonNode> first = all.subList(setUpLines, firstLines);
        List<JsonNode> second = all.subList(firstLines, all.size());
        assertThat(first).extracting(l -> l.get("msg").asText()).contains("Vendor request failed, retrying",
                "Chunk not delivered, written to the DLQ", "Forwarded log events");
        assertThat(first).allSatisfy(line -> {
            assertThat(line.path("awsRequestId").asText()).isEqualTo("req-1");
            assertThat(line.path("coldStart").isBoolean() && line.get("coldStart").asBoolean()).isTrue();
        });
        assertThat(second).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("awsRequestId").asText()).isEqualTo("req-2");
            assertThat(line.path("coldStart").isBoolean() && !line.get("coldStart").asBoolean()).isTrue();
        });
    }

    @Test
    void ownLogGroupGuardSpeaksOncePerColdStart() throws IOException {
        ForwarderHandler handler = fixture.handler();
        byte[] own = SubscriptionEvents.builder().logGroup("/aws/lambda/medplum-logs-forwarder")
                .lines("{\"level\":\"INFO\"}").invocation();
        for (int i = 0; i < 3; i++) {
            assertThat(invoke(handler, "own-" + i, own)).contains("own log group");
        }

        assertThat(output.lines()).filteredOn(l -> l.get("msg").asText().startsWith("Not forwarding the forwarder's own"))
                .hasSize(1).first().satisfies(l -> assertThat(l.get("awsRequestId").asText()).isEqualTo("own-0"));
        assertThat(fixture.vendor.requests()).isEmpty();
    }

    @Test
    void awsSdkWarningsBecomeJsonLinesAndItsChatterIsDropped() throws IOException {
        org.slf4j.Logger sdk = org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.retries");
        sdk.info("chatter {}", 1);
        sdk.debug("chatter {}", 2);
        sdk.warn("Retrying {} after {}", "GetSecretValue", "throttling");

        assertThat(output.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("logger").asText()).isEqualTo("software.amazon.awssdk.retries");
            assertThat(line.get("msg").asText()).isEqualTo("Retrying GetSecretValue after throttling");
        });
    }

    String invoke(ForwarderHandler handler, String requestId, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), out, new TestContext(60_000, requestId));
        return out.toString(StandardCharsets.UTF_8);
    }

}
