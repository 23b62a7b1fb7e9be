package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-process Secrets Manager: {@code GetSecretValue} for the secrets put here; counts reads. */
public final class FakeSecretsManager extends FakeAwsJsonServer {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    public static FakeSecretsManager start() {
        return new FakeSecretsManager();
    }

    public FakeSecretsManager put(String arn, String secretString) {
        secrets.put(arn, secretString);
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
        reads.incrementAndGet();
        String id = request.path("SecretId").asText();
        String value = secrets.get(id);
        if (value == null) {
            return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return ok(Map.of("ARN", id, "Name", id.substring(id.lastIndexOf(':') + 1), "SecretString", value,
                "VersionId", "00000000-0000-0000-0000-000000000001", "VersionStages", java.util.List.of("AWSCURRENT")));
    }
}
