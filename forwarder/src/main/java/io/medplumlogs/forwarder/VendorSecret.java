package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.HeaderValue;
import io.medplumlogs.contract.Vendor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the vendor credential: at cold start, and again when the vendor rejects it (a rotation). Always the
 * {@code AWSCURRENT} version. The secret is the plain string (API key, HEC token, source URL); a JSON object with
 * exactly one string value is accepted too, as the console's key/value editor stores that shape; any other JSON object
 * is refused rather than sent whole. Errors name the secret's ARN, never its value.
 */
final class VendorSecret {

    static final String CURRENT = "AWSCURRENT";

    private VendorSecret() {
    }

    /** At cold start: within the client's own timeouts (init is on no invocation's clock). */
    static String read(SecretsManagerClient client, String secretArn, Vendor vendor) {
        return read(client, secretArn, vendor, null);
    }

    /**
     * During an invocation: the call as a whole, the SDK's retries included, ends within {@code timeoutMillis}, so an
     * endpoint that never answers (a VPC without a Secrets Manager endpoint) cannot hold the invocation past its end.
     */
    static String read(SecretsManagerClient client, String secretArn, Vendor vendor, long timeoutMillis) {
        return read(client, secretArn, vendor, Duration.ofMillis(timeoutMillis));
    }

    private static String read(SecretsManagerClient client, String secretArn, Vendor vendor, Duration timeout) {
        String raw;
        try {
            raw = client.getSecretValue(b -> {
                b.secretId(secretArn).versionStage(CURRENT);
                if (timeout != null) {
                    b.overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
                }
            }).secretString();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN,
                    "cannot read " + vendor.credential() + " from " + secretArn + ": " + e.getMessage());
        }
        String value = unwrap(raw == null ? "" : raw.strip(), secretArn, vendor);
        if (value.isEmpty()) {
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN,
                    "secret " + secretArn + " holds no string; expected " + vendor.credential());
        }
        requireHeaderSafe(value, secretArn, vendor);
        return value;
    }

    /** Datadog's key and Splunk's token travel in a request header; the Sumo URL is checked as a URL instead. */
    private static void requireHeaderSafe(String value, String secretArn, Vendor vendor) {
        if (vendor != Vendor.SUMOLOGIC) {
            HeaderValue.problem(value).ifPresent(problem -> {
                throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN,
                        "the " + vendor.credential().replaceFirst("^the ", "") + " in secret " + secretArn + " "
                                + problem);
            });
        }
    }

    /**
     * The credential in {@code raw}: the string itself, or the one string value of a JSON object. Any other JSON
     * object ({@code {"api_key":…,"app_key":…}}, none, or broken JSON) holds no one credential: used whole, it would
     * send all of its values to the vendor in a header, so it is refused. The error never quotes the secret.
     */
    private static String unwrap(String raw, String secretArn, Vendor vendor) {
        if (!raw.startsWith("{")) {
            return raw;
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(raw);
        } catch (java.io.IOException notJson) {
            node = null; // reported below, without the parser's message, which may quote the text
        }
        List<String> values = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.elements().forEachRemaining(v -> {
                if (v.isTextual()) {
                    values.add(v.asText().strip());
                }
            });
        }
        if (values.size() != 1) {
            String found = node == null || !node.isObject() ? "starts with { but is not a JSON object"
                    : "is a JSON object with " + values.size() + " string values";
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN, "secret " + secretArn + " " + found
                    + "; expected " + vendor.credential() + " as a plain string, or a JSON object with exactly one"
                    + " string value");
        }
        return values.get(0);
    }
}
