package io.medplumlogs.forwarder;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS SDK's standard environment, read from the same map as our settings so that tests can point the clients at
 * local fakes ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL_SQS}).
 * Absent values fall back to the SDK's own default chains, as in Lambda.
 */
public record AwsSettings(Optional<String> region, Optional<URI> secretsManagerEndpoint, Optional<URI> sqsEndpoint,
        Optional<String> accessKeyId, Optional<String> secretAccessKey, Optional<String> sessionToken) {

    static AwsSettings fromEnvironment(Map<String, String> env) {
        boolean ignoreEndpoints = "true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""));
        Optional<String> global = ignoreEndpoints ? Optional.empty()
                : ForwarderSettings.optional(env, "AWS_ENDPOINT_URL");
        Optional<URI> secrets = endpoint(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER", global, ignoreEndpoints);
        Optional<URI> sqs = endpoint(env, "AWS_ENDPOINT_URL_SQS", global, ignoreEndpoints);
        return new AwsSettings(ForwarderSettings.optional(env, "AWS_REGION")
                .or(() -> ForwarderSettings.optional(env, "AWS_DEFAULT_REGION")), secrets, sqs,
                ForwarderSettings.optional(env, "AWS_ACCESS_KEY_ID"),
                ForwarderSettings.optional(env, "AWS_SECRET_ACCESS_KEY"),
                ForwarderSettings.optional(env, "AWS_SESSION_TOKEN"));
    }

    private static Optional<URI> endpoint(Map<String, String> env, String name, Optional<String> global,
            boolean ignore) {
        if (ignore) {
            return Optional.empty();
        }
        Optional<String> specific = ForwarderSettings.optional(env, name);
        String source = specific.isPresent() ? name : "AWS_ENDPOINT_URL";
        return specific.or(() -> global).map(url -> Endpoints.requireSecure(source, url));
    }
}
