package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.contract.IntakeLimits;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.Vendor;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/** What differs per vendor: how one log event is encoded, how entries are framed, where and with which headers. */
public interface Intake {

    Vendor vendor();

    /** What this intake takes: the vendor's limits, unless a setting of the deployment changes one. */
    default IntakeLimits limits() {
        return vendor().limits();
    }

    /**
     * The line a dead-lettered entry of this intake holds, as an event to encode again: for an entry stored above the
     * per-event limit the deployment has now ({@link ChunkBuilder#withinLimitForRedrive}). Empty when the intake's
     * limit never changes (its entries are always within it) or the entry is not one of its own.
     */
    default Optional<StoredLine> storedLine(ObjectNode entry) {
        return Optional.empty();
    }

    /**
     * A stored entry's line: the one-event subscription event it came from (as far as the entry tells), the event and
     * its message. A stored part's event has the id {@code <partOf>.<part>}, which its own parts then carry in
     * {@code partOf}.
     */
    record StoredLine(SubscriptionEvent source, LogEvent event, LogMessage message) {
    }

    /** How entries are joined into one request body. */
    Framing framing();

    /**
     * The entry field the vendor takes the event time from, holding epoch milliseconds or an ISO-8601 string; used to
     * re-stamp entries older than the vendor's {@link io.medplumlogs.contract.IntakeLimits#maxEventAge()}.
     */
    default String timeField() {
        return LogLineFields.TIMESTAMP;
    }

    /**
     * One log event as the vendor's JSON entry. Every entry is one line of JSON, which the DLQ format relies on. The
     * entry may be {@code message.json()} itself, changed in place (no copy per line): encode each message once.
     */
    ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message);

    /** Request headers that carry metadata of the whole chunk (Sumo's X-Sumo-*); never credentials. */
    default Map<String, String> metadataHeaders(SubscriptionEvent source) {
        return Map.of();
    }

    /** URI, credentials and content type of a request; the sender adds body, gzip and timeout. */
    HttpRequest.Builder newRequest(Map<String, String> metadataHeaders);
}
