package io.medplumlogs.forwarder.delivery;

/**
 * The outcome of delivering one chunk.
 *
 * @param delivered the vendor answered 2xx
 * @param attempts how many requests were made
 * @param detail for a failure: last status and body excerpt, or the exception
 */
public record SendResult(boolean delivered, int attempts, String detail) {
}
