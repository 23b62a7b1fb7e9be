package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.vendors.ForwarderContract;
import io.medplumlogs.vendors.Vendor;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the vendor credential: at cold start, and again when the vendor rejects it (a rotation). Always the
 * {@code AWSCURRENT} version. The secret is the plain string (API key, HEC token, source URL); a JSON object with
 * exactly one string value is accepted too, as the console's key/value editor stores that shape. Errors name the
 * secret's ARN, never its value.
 */
final class VendorSecret {

    static final String CURRENT = "AWSCURRENT";

    private VendorSecret() {
    }

    static String read(SecretsManagerClient client, String secretArn, Vendor vendor) {
        String raw;
        try {
            raw = client.getSecretValue(b -> b.secretId(secretArn).versionStage(CURRENT)).secretString();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN,
                    "cannot read " + vendor.credential() + " from " + secretArn + ": " + e.getMessage());
        }
        String value = unwrap(raw == null ? "" : raw.strip());
        if (value.isEmpty()) {
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN,
                    "secret " + secretArn + " holds no string; expected " + vendor.credential());
        }
        if (vendor != Vendor.SUMOLOGIC && !headerSafe(value)) {
            // the JDK's error for such a header would quote the value, inside every invocation
            throw new InvalidSettingException(ForwarderContract.ENV_SECRET_ARN, "secret " + secretArn + " holds "
                    + "characters an HTTP header cannot carry (control characters or non-ASCII); expected "
                    + vendor.credential());
        }
        return value;
    }

    private static boolean headerSafe(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String unwrap(String raw) {
        if (!raw.startsWith("{")) {
            return raw;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(raw);
            List<String> values = new ArrayList<>();
            node.elements().forEachRemaining(v -> {
                if (v.isTextual()) {
                    values.add(v.asText().strip());
                }
            });
            return values.size() == 1 ? values.get(0) : raw;
        } catch (java.io.IOException notJson) {
            return raw;
        }
    }
}
