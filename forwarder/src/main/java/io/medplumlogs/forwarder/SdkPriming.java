package io.medplumlogs.forwarder;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Runs one {@code GetSecretValue} through the AWS SDK's whole request path (marshalling, signing, the response
 * parser) against an HTTP client that answers from memory: under SnapStart the secret is read only after the restore,
 * and this keeps the SDK's first real call from paying its class loading there. No request leaves the process, the
 * credentials and the answer are placeholders, and the client is closed afterwards.
 */
final class SdkPriming {

    private static final String PLACEHOLDER = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:priming\","
            + "\"Name\":\"priming\",\"SecretString\":\"priming-placeholder\",\"VersionId\":\"priming\","
            + "\"VersionStages\":[\"AWSCURRENT\"]}";

    private SdkPriming() {
    }

    static void getSecretValue() {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(new Canned())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("https://priming.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming",
                        "priming")))
                .build()) {
            client.getSecretValue(b -> b.secretId("priming").versionStage(VendorSecret.CURRENT));
        }
    }

    /** Answers every request with the placeholder secret; sends nothing. */
    private static final class Canned implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", Integer.toString(body.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
