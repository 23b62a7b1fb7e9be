package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a synthetic batch through the hot path during init (encode → chunk → gzip → request built, never sent), so
 * that the classes are loaded and the code interpreted a few thousand times before the first real batch, and before a
 * SnapStart snapshot is taken. Sends nothing, logs nothing, counts nothing: the intake it is given should carry a
 * placeholder credential, so that no secret ends up in a snapshot through a request built here.
 */
public final class Priming {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Log group of the synthetic batch: never a real one, in case anything of it is ever seen. */
    public static final String LOG_GROUP = "/medplum-logs/priming";

    private Priming() {
    }

    /**
     * A subscription event payload as CloudWatch Logs sends it ({@code {"awslogs":{"data":base64(gzip(json))}}}): the
     * runtime's JSON lines, an access line, a stack trace, plain text and non-ASCII text.
     */
    public static byte[] invocation(int events) {
        ObjectNode data = JSON.createObjectNode();
        data.put("messageType", "DATA_MESSAGE").put("owner", "000000000000").put("logGroup", LOG_GROUP)
                .put("logStream", "priming").putArray("subscriptionFilters").add("priming");
        ArrayNode logEvents = data.putArray("logEvents");
        long now = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            logEvents.addObject().put("id", Integer.toString(i)).put("timestamp", now).put("message", message(i, now));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            JSON.writeValue(out, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode invocation = JSON.createObjectNode();
        invocation.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gz.toByteArray()));
        return invocation.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A line of time {@code now}: an older one would be re-stamped (and logged as such) for Datadog. */
    private static String message(int i, long now) {
        ObjectNode line = JSON.createObjectNode();
        line.put(LogLineFields.TIMESTAMP, Instant.ofEpochMilli(now).toString()).put(LogLineFields.LEVEL, "INFO")
                .put(LogLineFields.LOGGER, "priming").put(LogLineFields.REQUEST_ID, "req-" + i)
                .put(LogLineFields.TRACE_ID, "0af7651916cd43dd8448eb211c80319c");
        switch (i % 5) {
            case 0 -> line.put(LogLineFields.MSG, LogLineFields.REQUEST_SERVED).put(LogLineFields.METHOD, "GET")
                    .put(LogLineFields.PATH, "/fhir/Patient/" + i).put(LogLineFields.STATUS, 200)
                    .put(LogLineFields.DURATION_MS, 3);
            case 1 -> line.put(LogLineFields.MSG, "Patient gelesen – Grüße, 患者 " + i);
            case 2 -> line.put(LogLineFields.LEVEL, "ERROR").put(LogLineFields.MSG, "failed")
                    .put(LogLineFields.ERROR, "java.lang.IllegalStateException: priming")
                    .put(LogLineFields.STACK, "java.lang.IllegalStateException: priming\n\tat a.B.c(B.java:1)\n");
            case 3 -> {
                return "plain text line " + i;
            }
            default -> line.put(LogLineFields.MSG, "line " + i);
        }
        return line.toString();
    }

    /** Encodes, chunks and gzips {@code event} as a real batch would be, and builds (never sends) its requests. */
    public static int encode(Intake intake, SubscriptionEvent event) {
        int bytes = 0;
        try (GzipBody gzip = new GzipBody()) {
            for (Chunk chunk : new ChunkBuilder(intake).chunks(event)) {
                byte[] body = gzip.of(intake.framing(), chunk.utf8Entries());
                HttpRequest request = request(intake, chunk, body).build();
                bytes += body.length + request.headers().map().size();
            }
        }
        return bytes;
    }

    /**
     * The first chunk's request for {@code event}, as {@link #encode} builds it (still addressed to the intake): the
     * caller sends it only to itself over loopback, after replacing the URI.
     */
    public static HttpRequest.Builder firstRequest(Intake intake, SubscriptionEvent event) {
        Chunk chunk = new ChunkBuilder(intake).chunks(event).get(0);
        try (GzipBody gzip = new GzipBody()) {
            return request(intake, chunk, gzip.of(intake.framing(), chunk.utf8Entries()));
        }
    }

    private static HttpRequest.Builder request(Intake intake, Chunk chunk, byte[] body) {
        return intake.newRequest(chunk.metadataHeaders())
                .header("Content-Encoding", "gzip")
                .timeout(Duration.ofSeconds(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
