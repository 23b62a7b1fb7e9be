package io.medplumlogs.vendors;

/**
 * What one vendor's intake accepts in a single HTTP request. The forwarder batches and truncates against these
 * numbers; the generator sizes the function from them. Bytes are UTF-8 bytes of the uncompressed payload.
 *
 * @param maxEntriesPerRequest most log entries in one request
 * @param maxBytesPerRequest most bytes in one request body before compression
 * @param maxBytesPerEvent most bytes of one log message; longer messages are cut and marked, never dropped
 */
public record IntakeLimits(int maxEntriesPerRequest, int maxBytesPerRequest, int maxBytesPerEvent) {

    public IntakeLimits {
        if (maxEntriesPerRequest < 1 || maxBytesPerRequest < 1 || maxBytesPerEvent < 1
                || maxBytesPerEvent > maxBytesPerRequest) {
            throw new IllegalArgumentException("inconsistent intake limits: " + maxEntriesPerRequest + " entries, "
                    + maxBytesPerRequest + " bytes per request, " + maxBytesPerEvent + " bytes per event");
        }
    }
}
