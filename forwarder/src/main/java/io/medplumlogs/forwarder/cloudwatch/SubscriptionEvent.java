package io.medplumlogs.forwarder.cloudwatch;

import java.util.List;

/**
 * The decoded payload of a CloudWatch Logs subscription invocation. All events of one payload come from one log
 * stream, which is why log group, stream and account are kept once here and become request-level metadata.
 */
public record SubscriptionEvent(String messageType, String owner, String logGroup, String logStream,
        List<String> subscriptionFilters, List<LogEvent> logEvents) {

    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    /** CloudWatch's reachability probe when a subscription is created; carries nothing to forward. */
    public boolean isControlMessage() {
        return CONTROL_MESSAGE.equals(messageType);
    }
}
