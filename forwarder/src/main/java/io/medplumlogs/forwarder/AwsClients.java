package io.medplumlogs.forwarder;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the two AWS clients once per execution environment (SQS only when the DLQ is first used), on the JDK's URLConnection (no Netty/Apache in the zip) and with the
 * region, credentials and endpoint overrides of {@link AwsSettings}.
 */
final class AwsClients {

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(java.time.Duration.ofSeconds(5))
            .socketTimeout(java.time.Duration.ofSeconds(20))
            .build();

    private AwsClients() {
    }

    static SecretsManagerClient secretsManager(AwsSettings aws) {
        var builder = SecretsManagerClient.builder();
        aws.secretsManagerEndpoint().ifPresent(builder::endpointOverride);
        return configure(builder, aws).build();
    }

    /** The SQS client built on the first call, then the same: only the DLQ and redrive paths need it. */
    static Supplier<SqsClient> sqsOnFirstUse(AwsSettings aws) {
        return new Supplier<>() {
            private SqsClient client;

            @Override
            public synchronized SqsClient get() {
                if (client == null) {
                    client = sqs(aws);
                }
                return client;
            }
        };
    }

    static SqsClient sqs(AwsSettings aws) {
        var builder = SqsClient.builder();
        aws.sqsEndpoint().ifPresent(builder::endpointOverride);
        return configure(builder, aws).build();
    }

    private static <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(
            B builder, AwsSettings aws) {
        builder.httpClient(HTTP);
        aws.region().map(Region::of).ifPresent(builder::region);
        builder.credentialsProvider(credentials(aws));
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallTimeout(java.time.Duration.ofSeconds(30)).build());
        return builder;
    }

    private static AwsCredentialsProvider credentials(AwsSettings aws) {
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(aws.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(
                            aws.accessKeyId().get(), aws.secretAccessKey().get(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(aws.accessKeyId().get(),
                            aws.secretAccessKey().get())));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
