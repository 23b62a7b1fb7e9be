package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code {"awslogs":{"data":…}}} → base64 → gzip → UTF-8 JSON → {@link SubscriptionEvent}. Always UTF-8: decoding as
 * ASCII is how Splunk's old blueprint mangled non-English text.
 */
public final class SubscriptionEventDecoder {

    /**
     * What one payload may decompress to. CloudWatch Logs batches hold at most 1 MB of events, a few MB as escaped
     * JSON; a payload beyond this is not one of them (1 MB of gzip can inflate to 1 GB) and is refused before it
     * exhausts the function's memory, on every path that decodes one: the subscription, Firehose records, on-failure
     * records redriven, dead letters.
     */
    public static final int MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

    /** Data after the batch's JSON object (a second gzip member, say) is refused, never silently dropped. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Inflater input per call (the default, 512 bytes, means hundreds of native calls per batch). */
    private static final int INPUT_BUFFER_BYTES = 64 * 1024;
    /** CloudWatch sends at most 1 MiB of events; a little more for the JSON around them. */
    private static final long MAX_FIRST_GUESS = 2L * 1024 * 1024;

    private SubscriptionEventDecoder() {
    }

    /** Decodes the invocation payload as parsed JSON; {@code awslogs.data} must be present. */
    public static SubscriptionEvent decode(JsonNode invocation) {
        JsonNode data = invocation.path("awslogs").path("data");
        if (!data.isTextual()) {
            throw new MalformedEventException("not a CloudWatch Logs subscription event: no awslogs.data string");
        }
        byte[] gzipped;
        try {
            gzipped = java.util.Base64.getMimeDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("awslogs.data is not base64: " + e.getMessage(), e);
        }
        return decodeGzipped(gzipped, "awslogs.data", MAX_DECOMPRESSED_BYTES);
    }

    /**
     * The gzipped JSON CloudWatch Logs writes, as a Lambda subscription ({@code awslogs.data}) or a Firehose record
     * carries it, up to {@link #MAX_DECOMPRESSED_BYTES}.
     *
     * @param what names the payload in errors
     */
    public static SubscriptionEvent decodeGzipped(byte[] gzipped, String what) {
        return decodeGzipped(gzipped, what, MAX_DECOMPRESSED_BYTES);
    }

    /**
     * As {@link #decodeGzipped(byte[], String)}, refusing data that decompresses to more than {@code maxBytes} (a
     * gzip bomb) before holding more than that in memory.
     */
    public static SubscriptionEvent decodeGzipped(byte[] gzipped, String what, int maxBytes) {
        JsonNode root;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), INPUT_BUFFER_BYTES)) {
            byte[] json = new byte[Math.min(declaredSize(gzipped), maxBytes)];
            int length = 0;
            while (true) {
                length += in.readNBytes(json, length, json.length - length);
                int next = length < json.length ? -1 : in.read();
                if (next == -1) {
                    break;
                }
                if (json.length == maxBytes) {
                    throw new MalformedEventException(what + " decompresses to more than " + maxBytes + " bytes");
                }
                // the size declared was not the whole (a second gzip member, or a wrong trailer): grow
                json = Arrays.copyOf(json, (int) Math.min((long) json.length * 2 + 1, maxBytes));
                json[length++] = (byte) next;
            }
            root = readTree(json, length);
        } catch (IOException e) {
            throw new MalformedEventException(what + " is not gzip-compressed JSON: " + e.getMessage(), e);
        }
        return fromJson(root);
    }

    /**
     * The batch as a tree, read as the JSON text that decoding its bytes as UTF-8 gives. Jackson's byte parser is
     * about twice as fast as its text parser, but it decodes some invalid UTF-8 (overlong forms, surrogates) where the
     * JDK puts U+FFFD: so it reads the bytes only when the JDK's decoding replaced nothing and they start as a JSON
     * object in UTF-8 (no byte-order mark or zero byte that would make it guess another encoding); whatever it refuses
     * is read the old way, for the same error.
     */
    private static JsonNode readTree(byte[] json, int length) throws IOException {
        String text = new String(json, 0, length, StandardCharsets.UTF_8);
        if (length >= 4 && json[0] == '{' && json[1] != 0 && json[2] != 0 && json[3] != 0
                && text.indexOf('\uFFFD') < 0) {
            try {
                return JSON.readTree(json, 0, length);
            } catch (IOException notJson) {
                // read again below, for the text parser's error
            }
        }
        return JSON.readTree(text);
    }

    /**
     * The size the gzip trailer declares (ISIZE, the last member's size mod 2^32), so that the data is read into one
     * array of the right size instead of growing ones copied together; only a first guess, capped, never trusted.
     */
    private static int declaredSize(byte[] gzipped) {
        if (gzipped.length < 18) {
            return 1024;
        }
        int n = gzipped.length;
        long size = (gzipped[n - 4] & 0xffL) | (gzipped[n - 3] & 0xffL) << 8 | (gzipped[n - 2] & 0xffL) << 16
                | (gzipped[n - 1] & 0xffL) << 24;
        // gzip compresses at most about 1032:1; a larger claim is a wrong trailer, not a size to allocate
        return (int) Math.max(1024, Math.min(size, Math.min((long) gzipped.length * 1032, MAX_FIRST_GUESS)));
    }

    static SubscriptionEvent fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("decoded awslogs.data is not a JSON object");
        }
        String messageType = requiredText(root, "messageType");
        List<String> filters = new ArrayList<>();
        root.path("subscriptionFilters").forEach(f -> filters.add(f.asText()));
        List<LogEvent> events = new ArrayList<>();
        JsonNode logEvents = root.path("logEvents");
        if (!logEvents.isArray() && !SubscriptionEvent.CONTROL_MESSAGE.equals(messageType)) {
            throw new MalformedEventException("decoded awslogs.data has no logEvents array");
        }
        for (JsonNode e : logEvents) {
            JsonNode message = e.get("message");
            JsonNode timestamp = e.get("timestamp");
            if (message == null || !message.isTextual() || timestamp == null || !timestamp.canConvertToLong()) {
                throw new MalformedEventException("a log event lacks a string message or a numeric timestamp");
            }
            events.add(new LogEvent(e.path("id").asText(""), timestamp.asLong(), message.asText()));
        }
        return new SubscriptionEvent(messageType, root.path("owner").asText(""), requiredText(root, "logGroup"),
                root.path("logStream").asText(""), List.copyOf(filters), List.copyOf(events));
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEventException("decoded awslogs.data lacks the string field '" + field + "'");
        }
        return value.asText();
    }
}
