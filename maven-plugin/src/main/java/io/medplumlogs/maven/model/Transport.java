package io.medplumlogs.maven.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How CloudWatch Logs reach the vendor: the forwarder Lambda subscribed to each group, or an Amazon Data Firehose
 * delivery stream (with the same code as its transformation function). transports.adoc compares them.
 */
public enum Transport {
    LAMBDA("lambda"),
    FIREHOSE("firehose");

    /**
     * {@code lambda}: regenerating an existing deployment must not swap its transport, and only the Lambda path keeps
     * the exact per-event delivery (seconds, not Firehose's buffer) and the redrive of what the vendor refused.
     */
    public static final String DEFAULT = "lambda";

    private final String id;

    Transport(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Transport> fromId(String id) {
        String wanted = id == null || id.isBlank() ? DEFAULT : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
    }

    public static String validIds() {
        return Arrays.stream(values()).map(Transport::id).collect(Collectors.joining(", "));
    }
}
