package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * forwarder.adoc#parts: an entry "above the vendor's per-event limit, or above the 180 000 bytes one DLQ message always
 * holds whole" goes in parts. So an entry of exactly that many bytes is sent whole, one byte more in parts: an
 * off-by-one either way splits lines that fit (JSON lines lose their fields) or sends one the vendor cuts.
 */
class ExactLimitTest extends AbstractMotoTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anEntryOfExactlyTheLimitGoesWholeAndOneByteMoreGoesInParts(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        int cap = Math.min(vendor.limits().maxBytesPerEvent(), DeadLetterCodec.ENTRY_BYTES_STORED_WHOLE);
        String probe = "p".repeat(100);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(probe).invocation());
        int envelope = entryBytes(vendor, fixture.vendor.accepted().get(0)) - probe.length();

        String exact = "e".repeat(cap - envelope);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(exact).invocation());
        FakeVendor.Request whole = fixture.vendor.accepted().get(1);
        assertThat(whole.entries()).as("an entry of exactly %d bytes", cap).hasSize(1);
        assertThat(entryBytes(vendor, whole)).isEqualTo(cap);
        assertThat(whole.body()).doesNotContain("\"" + SplitEntryFields.PART_OF + "\"");

        String over = "o".repeat(cap - envelope + 1);
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines(over).invocation());
        List<FakeVendor.Request> split = fixture.vendor.accepted().subList(2, fixture.vendor.accepted().size());
        int parts = split.stream().mapToInt(r -> r.entries().size()).sum();
        assertThat(parts).as("an entry of %d bytes", cap + 1).isGreaterThanOrEqualTo(2);
        assertThat(fixture.dlq.count()).isZero();
    }

    private static int entryBytes(Vendor vendor, FakeVendor.Request request) {
        int body = request.body().getBytes(StandardCharsets.UTF_8).length;
        return vendor == Vendor.DATADOG ? body - 2 : body;
    }
}
