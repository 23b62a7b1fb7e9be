package io.medplumlogs.forwarder.testing;

import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.VendorHttpClient;
import io.medplumlogs.vendors.ForwarderContract;
import io.medplumlogs.vendors.Vendor;
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
 * A fake vendor, fake Secrets Manager and fake SQS wired to a forwarder environment, with test-sized timeouts and
 * backoffs. {@link #environment()} is a mutable map: change it before {@link #handler()} to test settings.
 */
public final class ForwarderFixture implements AutoCloseable {

    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:medplum-logs-AbCdEf";
    public static final String DATADOG_API_KEY = "dd-api-key-0123456789abcdef";
    public static final String SPLUNK_TOKEN = "0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f1";

    public final Vendor vendorKind;
    public final FakeVendor vendor;
    public final FakeSecretsManager secrets;
    public final FakeSqs sqs;
    private final Map<String, String> environment = new HashMap<>();
    private final SSLContext clientTls;

    private ForwarderFixture(Vendor vendorKind, FakeVendor vendor, SSLContext clientTls) {
        this.vendorKind = vendorKind;
        this.vendor = vendor;
        this.clientTls = clientTls;
        this.secrets = FakeSecretsManager.start();
        this.sqs = FakeSqs.start();
        String secret = switch (vendorKind) {
            case DATADOG -> DATADOG_API_KEY;
            case SPLUNK -> SPLUNK_TOKEN;
            case SUMOLOGIC -> vendor.sumoSourceUrl();
        };
        secrets.put(SECRET_ARN, secret);
        environment.put(ForwarderContract.ENV_VENDOR, vendorKind.id());
        environment.put(ForwarderContract.ENV_SECRET_ARN, SECRET_ARN);
        if (vendorKind != Vendor.SUMOLOGIC) {
            environment.put(ForwarderContract.ENV_ENDPOINT, vendor.baseUrl());
        }
        environment.put(ForwarderContract.ENV_DLQ_URL, sqs.queueUrl());
        environment.put(ForwarderContract.ENV_HTTP_TIMEOUT_MS, "1500");
        environment.put(ForwarderContract.ENV_MAX_ATTEMPTS, "4");
        environment.put(ForwarderContract.ENV_RETRY_BASE_DELAY_MS, "5");
        environment.put(ForwarderContract.ENV_RETRY_MAX_DELAY_MS, "40");
        environment.put(ForwarderContract.ENV_TIME_RESERVE_MS, "1000");
        environment.put(ForwarderContract.ENV_OWN_LOG_GROUP, "/aws/lambda/medplum-logs-forwarder");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDFAKEFAKEFAKE");
        environment.put("AWS_SECRET_ACCESS_KEY", "fake-secret-access-key");
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.baseUrl());
        environment.put("AWS_ENDPOINT_URL_SQS", sqs.baseUrl());
    }

    public static ForwarderFixture start(Vendor vendor) {
        return new ForwarderFixture(vendor, FakeVendor.start(vendor), null);
    }

    /** The fake vendor speaks HTTPS with a self-signed certificate; {@code trustIt} decides if the forwarder trusts it. */
    public static ForwarderFixture startHttps(Vendor vendor, SelfSignedTls tls, boolean trustIt) {
        return new ForwarderFixture(vendor, FakeVendor.startHttps(vendor, tls.serverContext()),
                trustIt ? tls.clientContext() : null);
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, new TestContext(budgetMillis));
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
        secrets.close();
        sqs.close();
    }
}
