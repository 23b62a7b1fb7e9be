package io.medplumlogs.forwarder.delivery;

import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.parse;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.success;
import static io.medplumlogs.forwarder.delivery.FaultInjectionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two chunks of a batch in flight at once, with a vendor that answers them out of order, fails one of them, rejects
 * both with a rotated credential, or answers after the invocation's deadline; and a DLQ that refuses its write. Each
 * scenario holds one chunk's answer until the other chunk did something, so a forwarder that sends one chunk after the
 * other times out instead; every entry must end up delivered or dead-lettered exactly once.
 */
class ChunksInFlightTest extends AbstractMotoTest {

    static final String FIRST = "FIRST-CHUNK-MARKER";
    static final String LAST = "LAST-CHUNK-MARKER";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    // (Per-vendor @EnumSource scenarios like FaultInjectionTest's: the same steps, each its own fault.)
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void answersOutOfOrderAreEachCountedOnce(Vendor vendor) throws IOException {
        ForwarderHandler handler = warm(start(vendor));
        int before = fixture.vendor.requests().size();
        fixture.vendor.holdWhen(first(), () -> fixture.vendor.requests().size() > before);
        List<String> lines = twoChunksOfLines();

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        assertThat(out).contains("\"chunks\":2", "\"chunksDelivered\":2", "\"chunksDeadLettered\":0",
                "\"entriesDelivered\":" + lines.size());
        List<FakeVendor.Request> requests = fixture.vendor.requests().subList(before, before + 2);
        assertThat(fixture.vendor.requests()).hasSize(before + 2);
        // the second chunk was answered while the first was held
        assertThat(requests.get(0).body()).contains(LAST);
        assertThat(requests.get(1).body()).contains(FIRST);
        assertThat(texts(requests.stream().flatMap(r -> r.entries().stream()).toList()))
                .containsExactlyInAnyOrderElementsOf(lines);
        JsonNode metrics = lastMetrics();
        assertThat(metrics.get("EntriesDelivered").asInt()).isEqualTo(lines.size());
        assertThat(metrics.get("ChunksRetried").asInt()).isZero();
        assertThat(metrics.get("BytesSent").asLong())
                .isEqualTo(requests.stream().mapToLong(FakeVendor.Request::compressedBytes).sum());
        assertThat(metrics.get("VendorLatency")).hasSize(2);
        assertThat(fixture.dlq.count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailedFirstChunkGoesAloneToTheDlqWhileTheSecondIsDelivered(Vendor vendor) throws IOException {
        ForwarderHandler handler = warm(start(vendor));
        int before = fixture.vendor.requests().size();
        fixture.vendor.holdWhen(first(), () -> fixture.vendor.requests().size() > before)
                .failWhen(first(), 400);
        List<String> lines = twoChunksOfLines();

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        assertThat(out).contains("\"chunks\":2", "\"chunksDelivered\":1", "\"chunksDeadLettered\":1");
        assertThat(fixture.vendor.requests()).hasSize(before + 2);
        List<String> delivered = texts(fixture.vendor.accepted().get(before).entries());
        List<String> deadLettered = deadLettered();
        assertThat(delivered).anyMatch(t -> t.startsWith(LAST)).noneMatch(t -> t.startsWith(FIRST));
        assertThat(deadLettered).anyMatch(t -> t.startsWith(FIRST)).noneMatch(t -> t.startsWith(LAST));
        List<String> all = new ArrayList<>(delivered);
        all.addAll(deadLettered);
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(fixture.dlq.messages()).allSatisfy(m -> assertThat(m).contains("permanent HTTP 400"));
        JsonNode metrics = lastMetrics();
        assertThat(metrics.get("EntriesDelivered").asInt()).isEqualTo(delivered.size());
        assertThat(metrics.get("ChunksDeadLettered").asInt()).isEqualTo(1);
        assertThat(metrics.get("ChunksRetried").asInt()).isZero();
        assertThat(metrics.get("DeadLetterWritesFailed").asInt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theDlqRefusingAWriteStopsTheChunksNotStartedYet(Vendor vendor) throws IOException {
        ForwarderHandler handler = warm(start(vendor));
        int before = fixture.vendor.requests().size();
        // chunk 2 is answered first: a forwarder that refills the free slot would start chunk 3 before chunk 1 fails
        fixture.vendor.holdWhen(first(), () -> fixture.vendor.requests().size() > before)
                .failWhen(first(), 400);
        fixture.dlq.delete();
        List<String> lines = FaultInjectionTest.threeChunksOfLines();
        lines.set(0, FIRST + " 0");

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines(lines).invocation()))
                .isInstanceOf(DeadLetterWriteException.class)
                .hasMessageContaining("chunk 1/3").hasMessageContaining("neither delivered");

        assertThat(fixture.vendor.arrived()).isEqualTo(before + 2);
        assertThat(fixture.vendor.accepted()).hasSize(before + 1);
        int secondChunk = fixture.vendor.accepted().get(before).entries().size();
        JsonNode metrics = lastMetrics();
        assertThat(metrics.get("DeadLetterWritesFailed").asInt()).isEqualTo(1);
        assertThat(metrics.get("EntriesDelivered").asInt()).isEqualTo(secondChunk);
        assertThat(metrics.get("ChunksDeadLettered").asInt()).isZero();
        assertThat(output.text()).contains("LOGS AT RISK");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aChunkInFlightWhenTheDlqRefusesAWriteIsFinishedAndCounted(Vendor vendor) throws IOException {
        ForwarderHandler handler = warm(start(vendor));
        int before = fixture.vendor.requests().size();
        // chunk 2 is answered only after chunk 1's rejection: it is in flight while chunk 1's DLQ write fails
        fixture.vendor.holdWhen(last(), () -> fixture.vendor.requests().size() > before)
                .failWhen(first(), 400);
        fixture.dlq.delete();
        List<String> lines = twoChunksOfLines();

        assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                SubscriptionEvents.builder().lines(lines).invocation()))
                .isInstanceOf(DeadLetterWriteException.class).hasMessageContaining("chunk 1/2");

        assertThat(fixture.vendor.requests()).hasSize(before + 2);
        int secondChunk = fixture.vendor.accepted().get(before).entries().size();
        JsonNode metrics = lastMetrics();
        assertThat(metrics.get("DeadLetterWritesFailed").asInt()).isEqualTo(1);
        assertThat(metrics.get("EntriesDelivered").asInt()).isEqualTo(secondChunk);
        assertThat(metrics.get("VendorLatency")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theDeadlineStopsChunksInFlightAndNoRequestStartsAfterIt(Vendor vendor) throws IOException {
        startFixture(vendor);
        // a request's own timeout longer than the invocation: the deadline is what ends it
        fixture.environment().put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "20000");
        ForwarderHandler handler = warm(fixture.handler());
        int before = fixture.vendor.arrived();
        // never released within the invocation: both requests of the first wave run into the deadline
        fixture.vendor.holdWhen(r -> true, () -> false);
        List<String> lines = FaultInjectionTest.threeChunksOfLines();

        // 1000 ms of the budget are the fixture's time reserve: 2500 ms for the vendor, less than the fake's hold
        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation(), 3_500);

        assertThat(out).contains("\"chunks\":3", "\"chunksDelivered\":0", "\"chunksDeadLettered\":3");
        assertThat(fixture.vendor.arrived()).isEqualTo(before + 2);
        List<String> messages = fixture.dlq.messages();
        assertThat(messages).filteredOn(m -> m.contains("timed out")).isNotEmpty();
        assertThat(messages).filteredOn(m -> m.contains("not attempted: no time left")).isNotEmpty();
        assertThat(deadLettered()).containsExactlyInAnyOrderElementsOf(lines);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aRotationSeenByTwoChunksAtOnceIsReadOnceAndEachChunkDeliveredOnce(Vendor vendor) throws IOException {
        fixture = ForwarderFixture.start(vendor);
        ForwarderHandler handler = warm(fixture.handler());
        int reads = fixture.secrets.reads();
        int before = fixture.vendor.requests().size();
        String old = fixture.credential();
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, SecretRotationTest.rotated(vendor, fixture));
        Predicate<FakeVendor.Request> usesOld = usesCredential(vendor, old);
        // both chunks are rejected together: each is answered only once the other has arrived
        fixture.vendor.holdWhen(usesOld, () -> fixture.vendor.arrived() >= before + 2).failWhen(usesOld, 401);
        List<String> lines = twoChunksOfLines();

        String out = ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        assertThat(out).contains("\"chunksDelivered\":2", "\"chunksDeadLettered\":0");
        assertThat(fixture.secrets.reads()).isEqualTo(reads + 1);
        List<FakeVendor.Request> requests = fixture.vendor.requests().subList(before, fixture.vendor.requests().size());
        assertThat(requests).extracting(FakeVendor.Request::status)
                .containsExactlyInAnyOrder(401, 401, success(vendor), success(vendor));
        assertThat(texts(fixture.vendor.acceptedEntries().subList(1, fixture.vendor.acceptedEntries().size())))
                .containsExactlyInAnyOrderElementsOf(lines);
        assertThat(fixture.sqs.everSent()).isEmpty();
        // every request answered (one sent after the other, the first would time out waiting for the second)
        assertThat(lastMetrics().get("VendorLatency")).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aBatchOfTwoChunksIsSentAsTwoHalves(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        List<String> lines = twoChunksOfLines();

        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(lines).invocation());

        // lines of one size: the halves differ by at most one entry (sent full chunk first, they would be ~1000 + ~400)
        assertThat(fixture.vendor.accepted()).hasSize(2)
                .allSatisfy(r -> assertThat(r.entries().size()).isBetween(lines.size() / 2 - 1, lines.size() / 2 + 1));
        assertThat(texts(fixture.vendor.acceptedEntries())).containsExactlyInAnyOrderElementsOf(lines);
    }

    /** One small batch first: the vendor has then accepted the credential, so chunks go out two at a time. */
    private ForwarderHandler warm(ForwarderHandler handler) {
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("warm").invocation());
        return handler;
    }

    private ForwarderHandler warm(ForwarderFixture started) {
        return warm(started.handler());
    }

    private static Predicate<FakeVendor.Request> first() {
        return r -> r.body().contains(FIRST);
    }

    private static Predicate<FakeVendor.Request> last() {
        return r -> r.body().contains(LAST);
    }

    private static Predicate<FakeVendor.Request> usesCredential(Vendor vendor, String credential) {
        return switch (vendor) {
            case DATADOG -> r -> credential.equals(r.header("DD-API-KEY"));
            case SPLUNK -> r -> ("Splunk " + credential).equals(r.header("Authorization"));
            case SUMOLOGIC -> r -> r.path().equals(FakeVendor.SUMO_PATH);
        };
    }

    private List<String> deadLettered() {
        List<String> texts = new ArrayList<>();
        fixture.dlq.messages().forEach(m -> texts.addAll(texts(parse(DeadLetterCodec.decode(m).chunk().entries()))));
        return texts;
    }

    private JsonNode lastMetrics() throws IOException {
        List<JsonNode> lines = output.metricLines();
        return lines.get(lines.size() - 1);
    }

    /** 1400 lines of about 1 kB: two chunks for every vendor's limits, the first line in one, the last in the other. */
    static List<String> twoChunksOfLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1400; i++) {
            String marker = i == 0 ? FIRST + " " : i == 1399 ? LAST + " " : "";
            lines.add(marker + "line " + i + " " + "q".repeat(1000));
        }
        return lines;
    }
}
