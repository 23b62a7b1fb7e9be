package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds CloudWatch Logs subscription invocations exactly as CloudWatch sends them: JSON, gzip, base64, wrapped in
 * {@code {"awslogs":{"data":…}}}. Used by the forwarder's tests and by the chain test in integration-tests.
 */
public final class SubscriptionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String messageType = "DATA_MESSAGE";
    private String owner = "123456789012";
    private String logGroup = "/ecs/medplum-fhir";
    private String logStream = "ecs/app/0f1e2d3c4b5a";
    private final List<String> filters = new ArrayList<>(List.of("medplum-logs-forwarder"));
    private final List<ObjectNode> events = new ArrayList<>();
    /**
     * The time of the first event {@link #lines} adds: ten minutes ago, on a whole second. Recent, as CloudWatch's
     * events are: Datadog keeps nothing older than 18 hours, and the forwarder re-stamps what is older.
     */
    public static final long FIRST_TIMESTAMP = (System.currentTimeMillis() - 600_000) / 1000 * 1000;

    private long nextTimestamp = FIRST_TIMESTAMP;
    private long nextId = 1;

    public static SubscriptionEvents builder() {
        return new SubscriptionEvents();
    }

    /** The decoded sample from the AWS Lambda docs ("Using Lambda with CloudWatch Logs"). */
    public static SubscriptionEvents awsDocsSample() {
        return builder().owner("123456789012").logGroup("/aws/lambda/echo-nodejs")
                .logStream("2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7")
                .filters("LambdaStream_cloudwatchlogs-node")
                .event("34622316099697884706540976068822859012661220141643892546", 1552518348220L,
                        "REPORT RequestId: 6234bffe-149a-b642-81ff-2e8e376d8aff\tDuration: 46.84 ms\tBilled Duration:"
                                + " 47 ms \tMemory Size: 192 MB\tMax Memory Used: 72 MB\t\n");
    }

    /** A CONTROL_MESSAGE as CloudWatch sends when a subscription filter is created. */
    public static SubscriptionEvents controlMessage() {
        return builder().messageType("CONTROL_MESSAGE").owner("CloudwatchLogs").logGroup("").logStream("")
                .filters().event("", 1_700_000_000_000L,
                        "CWL CONTROL MESSAGE: Checking health of destination Lambda function.");
    }

    // Builder setters, one per field of the CloudWatch Logs payload: alike by nature, each sets its own field.
    public SubscriptionEvents messageType(String value) {
        messageType = value;
        return this;
    }

    public SubscriptionEvents owner(String value) {
        owner = value;
        return this;
    }

    public SubscriptionEvents logGroup(String value) {
        logGroup = value;
        return this;
    }

    public SubscriptionEvents logStream(String value) {
        logStream = value;
        return this;
    }

    public SubscriptionEvents filters(String... names) {
        filters.clear();
        filters.addAll(List.of(names));
        return this;
    }

    public SubscriptionEvents event(String id, long timestamp, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("timestamp", timestamp);
        e.put("message", message);
        events.add(e);
        return this;
    }

    /** One event per line, with increasing timestamps and ids. */
    public SubscriptionEvents lines(String... messages) {
        return lines(List.of(messages));
    }

    public SubscriptionEvents lines(List<String> messages) {
        for (String message : messages) {
            event(String.format("%056d", nextId++), nextTimestamp++, message);
        }
        return this;
    }

    /** The decoded payload, as CloudWatch writes it before compression. */
    public String decodedJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("messageType", messageType);
        root.put("owner", owner);
        root.put("logGroup", logGroup);
        root.put("logStream", logStream);
        ArrayNode f = root.putArray("subscriptionFilters");
        filters.forEach(f::add);
        root.putArray("logEvents").addAll(events);
        return root.toString();
    }

    /** The invocation payload Lambda hands the handler. */
    public byte[] invocation() {
        return invocationJson().getBytes(StandardCharsets.UTF_8);
    }

    public String invocationJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip(decodedJson())));
        return root.toString();
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
