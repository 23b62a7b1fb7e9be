package io.medplumlogs.forwarder.delivery;

import java.util.List;

/**
 * The outcome of delivering one chunk.
 *
 * @param delivered the vendor answered 2xx
 * @param attempts how many requests were made
 * @param detail for a failure: last status and body excerpt, or the exception
 * @param bytesSent request body bytes (gzipped) of all requests made, accepted or not
 * @param latenciesMillis per request the vendor answered: milliseconds from sending to its answer
 */
public record SendResult(boolean delivered, int attempts, String detail, long bytesSent, List<Long> latenciesMillis) {

    public SendResult {
        latenciesMillis = List.copyOf(latenciesMillis);
    }

    /** A result without traffic figures (nothing sent, or a caller that does not count). */
    public SendResult(boolean delivered, int attempts, String detail) {
        this(delivered, attempts, detail, 0, List.of());
    }
}
