package io.medplumlogs.contract;

import java.time.Duration;
import java.util.Optional;

/**
 * What one vendor's intake accepts in a single HTTP request. The forwarder batches and splits entries against these
 * numbers; the generator sizes the function from them. Bytes are UTF-8 bytes of the uncompressed payload.
 *
 * @param maxEntriesPerRequest most log entries in one request
 * @param maxBytesPerRequest most bytes in one request body before compression
 * @param maxBytesPerEvent most bytes of one vendor entry; a longer one is sent as several parts, each within this,
 *     that together hold its whole text ({@link SplitEntryFields}): never cut, never dropped
 * @param maxEventAge how old an event's timestamp may be for the vendor to keep it at that time (older ones are dropped
 *     or moved to the receipt time by the vendor); empty when the intake has no such limit. The forwarder re-stamps
 *     older entries with the current time and keeps the original time in an attribute.
 * @param maxEventLead how far ahead of the current time an event's timestamp may be for the vendor to keep the event
 *     (later ones are dropped); empty when the intake keeps such events, at their time or at the receipt time. A line
 *     whose time is written in another unit than milliseconds (epoch nanoseconds, as Go's zap writes them) reads as
 *     a date thousands of years ahead, so the forwarder re-stamps such entries as it re-stamps old ones.
 */
public record IntakeLimits(int maxEntriesPerRequest, int maxBytesPerRequest, int maxBytesPerEvent,
        Optional<Duration> maxEventAge, Optional<Duration> maxEventLead) {

    public IntakeLimits {
        if (maxEntriesPerRequest < 1 || maxBytesPerRequest < 1 || maxBytesPerEvent < 1
                || maxBytesPerEvent > maxBytesPerRequest
                || maxEventAge.filter(age -> age.isNegative() || age.isZero()).isPresent()
                || maxEventLead.filter(lead -> lead.isNegative() || lead.isZero()).isPresent()) {
            throw new IllegalArgumentException("inconsistent intake limits: " + maxEntriesPerRequest + " entries, "
                    + maxBytesPerRequest + " bytes per request, " + maxBytesPerEvent + " bytes per event, "
                    + maxEventAge + " event age, " + maxEventLead + " event lead");
        }
    }

    /** These limits with another per-event limit (a deployment's setting, such as Splunk's {@code TRUNCATE}). */
    public IntakeLimits withMaxBytesPerEvent(int bytes) {
        return new IntakeLimits(maxEntriesPerRequest, maxBytesPerRequest, bytes, maxEventAge, maxEventLead);
    }

    /** Limits of an intake that keeps events of any time ahead. */
    public IntakeLimits(int maxEntriesPerRequest, int maxBytesPerRequest, int maxBytesPerEvent,
            Optional<Duration> maxEventAge) {
        this(maxEntriesPerRequest, maxBytesPerRequest, maxBytesPerEvent, maxEventAge, Optional.empty());
    }

    /** Limits of an intake that takes events of any age. */
    public IntakeLimits(int maxEntriesPerRequest, int maxBytesPerRequest, int maxBytesPerEvent) {
        this(maxEntriesPerRequest, maxBytesPerRequest, maxBytesPerEvent, Optional.empty(), Optional.empty());
    }
}
