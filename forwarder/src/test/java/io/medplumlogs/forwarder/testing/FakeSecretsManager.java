package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process Secrets Manager: {@code GetSecretValue} for the secrets put here; counts reads. {@link #stallAfter} makes
 * later reads hang without an answer, as an endpoint that takes the connection and never answers does.
 */
public final class FakeSecretsManager extends FakeAwsJsonServer {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    /** Reads after this many hang until {@link #close}; by default none does. */
    private volatile int answeredReads = Integer.MAX_VALUE;
    private final CountDownLatch closed = new CountDownLatch(1);

    public static FakeSecretsManager start() {
        return new FakeSecretsManager();
    }

    public FakeSecretsManager put(String arn, String secretString) {
        secrets.put(arn, secretString);
        return this;
    }

    /** Answers the next {@code reads} reads, then holds every later one unanswered (longer than the SDK waits). */
    public FakeSecretsManager stallAfter(int reads) {
        answeredReads = this.reads.get() + reads;
        return this;
    }

    public int reads() {
        return reads.get();
    }

    @Override
    Result answer(String operation, JsonNode request) {
        if (!operation.equals("GetSecretValue")) {
            return error(400, "InvalidRequestException", "fake supports GetSecretValue only, got " + operation);
        }
        if (reads.incrementAndGet() > answeredReads) {
            stall();
        }
        String id = request.path("SecretId").asText();
        String value = secrets.get(id);
        if (value == null) {
            return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return ok(Map.of("ARN", id, "Name", id.substring(id.lastIndexOf(':') + 1), "SecretString", value,
                "VersionId", "00000000-0000-0000-0000-000000000001", "VersionStages", java.util.List.of("AWSCURRENT")));
    }

    private void stall() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        super.close();
    }
}
