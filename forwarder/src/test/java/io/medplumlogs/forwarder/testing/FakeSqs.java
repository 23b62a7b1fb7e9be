package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * In-process SQS queue (JSON protocol): SendMessage, ReceiveMessage, DeleteMessage, with the MD5 digests the SDK
 * verifies. Received messages stay hidden until deleted or {@link #endVisibility}; {@link #refuseDeletes} makes
 * DeleteMessage fail as a role without {@code sqs:DeleteMessage} does, {@link #stallDeletes} makes it hang as an
 * endpoint that takes the connection and never answers. For tests
 * of the wire format and settings; tests of the DLQ itself use {@link MotoServer}, whose SQS enforces sizes and
 * visibility as AWS does.
 */
public final class FakeSqs extends FakeAwsJsonServer {

    private final List<Stored> queue = new ArrayList<>();
    private final List<String> everSent = new ArrayList<>();
    private final List<Integer> receiveVisibilities = new ArrayList<>();
    private boolean refuseDeletes;
    private volatile boolean stallDeletes;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    public static FakeSqs start() {
        return new FakeSqs();
    }

    /** The queue URL to configure as {@code MEDPLUM_LOGS_DLQ_URL}. */
    public String queueUrl() {
        return baseUrl() + "/123456789012/medplum-logs-forwarder-dlq";
    }

    /** Bodies of messages currently in the queue (visible or not). */
    public synchronized List<String> messages() {
        return queue.stream().map(Stored::body).toList();
    }

    /** Every body ever sent, deleted or not. */
    public synchronized List<String> everSent() {
        return List.copyOf(everSent);
    }

    /**
     * The {@code VisibilityTimeout} of every ReceiveMessage, in seconds, or -1 where the request left it to the queue
     * (SQS's default 30 s unless the queue sets another).
     */
    public synchronized List<Integer> receiveVisibilities() {
        return List.copyOf(receiveVisibilities);
    }

    /** While {@code refuse}, every DeleteMessage fails with AccessDenied (not retried by the SDK) and deletes nothing. */
    public synchronized FakeSqs refuseDeletes(boolean refuse) {
        refuseDeletes = refuse;
        return this;
    }

    /** Every DeleteMessage hangs unanswered until {@link #close} (longer than the SDK waits) and deletes nothing. */
    public FakeSqs stallDeletes() {
        stallDeletes = true;
        return this;
    }

    /** Every received message becomes visible again, as when its visibility timeout ends. */
    public synchronized void endVisibility() {
        queue.replaceAll(s -> new Stored(s.id(), s.body(), null));
    }

    @Override
    Result answer(String operation, JsonNode request) {
        if (stallDeletes && operation.equals("DeleteMessage")) {
            try {
                closed.await(60, java.util.concurrent.TimeUnit.SECONDS); // outside the lock: other calls go on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return error(500, "com.amazonaws.sqs#InternalError", "stalled");
        }
        return answerNow(operation, request);
    }

    private synchronized Result answerNow(String operation, JsonNode request) {
        switch (operation) {
            case "SendMessage" -> {
                String body = request.path("MessageBody").asText();
                String id = UUID.randomUUID().toString();
                queue.add(new Stored(id, body, null));
                everSent.add(body);
                return ok(Map.of("MessageId", id, "MD5OfMessageBody", md5(body)));
            }
            case "ReceiveMessage" -> {
                int max = request.path("MaxNumberOfMessages").asInt(1);
                receiveVisibilities.add(request.path("VisibilityTimeout").asInt(-1));
                List<Map<String, String>> out = new ArrayList<>();
                for (int i = 0; i < queue.size() && out.size() < max; i++) {
                    Stored s = queue.get(i);
                    if (s.receiptHandle() == null) {
                        Stored taken = new Stored(s.id(), s.body(), UUID.randomUUID().toString());
                        queue.set(i, taken);
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("MessageId", taken.id());
                        m.put("ReceiptHandle", taken.receiptHandle());
                        m.put("MD5OfBody", md5(taken.body()));
                        m.put("Body", taken.body());
                        out.add(m);
                    }
                }
                return ok(out.isEmpty() ? Map.of() : Map.of("Messages", out));
            }
            case "DeleteMessage" -> {
                if (refuseDeletes) {
                    return error(400, "com.amazonaws.sqs#AccessDenied", "not authorized to perform sqs:DeleteMessage");
                }
                String handle = request.path("ReceiptHandle").asText();
                queue.removeIf(s -> handle.equals(s.receiptHandle()));
                return ok(Map.of());
            }
            default -> {
                return error(400, "com.amazonaws.sqs#UnsupportedOperation", "fake SQS does not do " + operation);
            }
        }
    }

    static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String id, String body, String receiptHandle) {
    }

    @Override
    public void close() {
        closed.countDown();
        super.close();
    }
}
