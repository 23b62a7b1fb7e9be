package io.medplumlogs.forwarder.cloudwatch;

/**
 * One log event of a subscription event.
 *
 * @param id CloudWatch's unique event id
 * @param timestamp epoch milliseconds
 * @param message the raw message, decoded as UTF-8
 */
public record LogEvent(String id, long timestamp, String message) {
}
