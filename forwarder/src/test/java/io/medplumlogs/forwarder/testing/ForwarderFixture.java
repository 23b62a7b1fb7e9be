package io.medplumlogs.forwarder.testing;

import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.VendorHttpClient;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A fake vendor wired to a forwarder environment, with test-sized timeouts and backoffs, and either in-process fakes
 * of Secrets Manager and SQS ({@link #start(Vendor)}: tests of the wire format) or a real {@link MotoServer}
 * ({@link #start(Vendor, MotoServer)}: tests of the DLQ, redrive and the secret). {@link #environment()} is a mutable
 * map: change it before {@link #handler()} to test settings.
 */
public final class ForwarderFixture implements AutoCloseable {

    // (Constant declarations: the fixture's fake credentials.)
    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:medplum-logs-AbCdEf";
    public static final String DATADOG_API_KEY = "dd-api-key-0123456789abcdef";
    public static final String SPLUNK_TOKEN = "0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f1";

    public final Vendor vendorKind;
    public final FakeVendor vendor;
    /** In-process fakes; {@code null} with moto. */
    public final FakeSecretsManager secrets;
    public final FakeSqs sqs;
    /** The DLQ and the Lambda on-failure queue in moto; {@code null} with the fakes. */
    public final MotoQueue dlq;
    public final MotoQueue onFailure;
    private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient motoSecrets;
    private final String secretArn;
    private final Map<String, String> environment = new HashMap<>();
    private final SSLContext clientTls;

    private ForwarderFixture(Vendor vendorKind, FakeVendor vendor, SSLContext clientTls, MotoServer moto) {
        this.vendorKind = vendorKind;
        this.vendor = vendor;
        this.clientTls = clientTls;
        String secret = credential();
        if (moto == null) {
            this.secrets = FakeSecretsManager.start();
            this.sqs = FakeSqs.start();
            this.dlq = null;
            this.onFailure = null;
            this.motoSecrets = null;
            this.secretArn = SECRET_ARN;
            secrets.put(SECRET_ARN, secret);
            environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.baseUrl());
            environment.put("AWS_ENDPOINT_URL_SQS", sqs.baseUrl());
            environment.put(ForwarderContract.ENV_DLQ_URL, sqs.queueUrl());
        } else {
            this.secrets = null;
            this.sqs = null;
            var client = moto.sqs();
            this.dlq = new MotoQueue(client, "medplum-logs-forwarder-dlq");
            this.onFailure = new MotoQueue(client, "medplum-logs-forwarder-on-failure");
            this.motoSecrets = moto.secretsManager();
            this.secretArn = motoSecrets.createSecret(b -> b.name("medplum-logs/" + vendorKind.id())
                    .secretString(secret)).arn();
            environment.put(ForwarderContract.ENV_DLQ_URL, dlq.url());
            environment.put(ForwarderContract.ENV_ON_FAILURE_QUEUE_URL, onFailure.url());
            environment.put("AWS_ENDPOINT_URL", moto.endpoint());
        }
        environment.put(ForwarderContract.ENV_VENDOR, vendorKind.id());
        environment.put(ForwarderContract.ENV_SECRET_ARN, secretArn);
        if (vendorKind != Vendor.SUMOLOGIC) {
            environment.put(ForwarderContract.ENV_ENDPOINT, vendor.baseUrl());
        }
        environment.put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "1500");
        environment.put(ForwarderContract.ENV_MAX_ATTEMPTS, "4");
        environment.put(ForwarderContract.ENV_RETRY_BASE_DELAY_MS, "5");
        environment.put(ForwarderContract.ENV_RETRY_MAX_DELAY_MS, "40");
        environment.put(ForwarderContract.ENV_TIME_RESERVE_MS, "1000");
        environment.put(ForwarderContract.ENV_OWN_LOG_GROUP, "/aws/lambda/medplum-logs-forwarder");
        environment.put(ForwarderContract.ENV_FUNCTION_NAME, "medplum-logs-forwarder");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDFAKEFAKEFAKE");
        environment.put("AWS_SECRET_ACCESS_KEY", "fake-secret-access-key");
    }

    public static ForwarderFixture start(Vendor vendor) {
        return new ForwarderFixture(vendor, FakeVendor.start(vendor), null, null);
    }

    /** DLQ, on-failure queue and secret in {@code moto}. */
    public static ForwarderFixture start(Vendor vendor, MotoServer moto) {
        return new ForwarderFixture(vendor, FakeVendor.start(vendor), null, moto);
    }

    /** The credential the secret holds at start (for Sumo Logic: the fake's source URL). */
    public String credential() {
        return switch (vendorKind) {
            case DATADOG -> DATADOG_API_KEY;
            case SPLUNK -> SPLUNK_TOKEN;
            case SUMOLOGIC -> vendor.sumoSourceUrl();
        };
    }

    /** Rotates the secret in moto: a new version becomes AWSCURRENT, the old one AWSPREVIOUS. */
    public void rotateSecret(String newValue) {
        motoSecrets.putSecretValue(b -> b.secretId(secretArn).secretString(newValue));
    }

    /** The fake vendor speaks HTTPS with a self-signed certificate; {@code trustIt} decides if the forwarder trusts it. */
    public static ForwarderFixture startHttps(Vendor vendor, SelfSignedTls tls, boolean trustIt) {
        return new ForwarderFixture(vendor, FakeVendor.startHttps(vendor, tls.serverContext()),
                trustIt ? tls.clientContext() : null, null);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public ForwarderHandler handler() {
        HttpClient http = clientTls == null ? VendorHttpClient.shared() : VendorHttpClient.create(clientTls);
        return new ForwarderHandler(Map.copyOf(environment), http);
    }

    /** Invokes like Lambda does, with 60 s left; returns the handler's JSON output. */
    public static String invoke(ForwarderHandler handler, byte[] payload) {
        return invoke(handler, payload, 60_000);
    }

    public static String invoke(ForwarderHandler handler, byte[] payload, long budgetMillis) {
        return invoke(handler, payload, new TestContext(budgetMillis));
    }

    /** With the test's own context, to see how much of the invocation's time is left afterwards. */
    public static String invoke(ForwarderHandler handler, byte[] payload, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String invoke(ForwarderHandler handler, String payload) {
        return invoke(handler, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        vendor.close();
        if (secrets != null) {
            secrets.close();
            sqs.close();
        } else {
            motoSecrets.close();
        }
    }
}
