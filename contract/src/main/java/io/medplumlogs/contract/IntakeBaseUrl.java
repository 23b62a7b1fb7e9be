package io.medplumlogs.contract;

import java.net.URI;
import java.util.Optional;

/**
 * The one rule for an intake URL the forwarder appends its own path to (Splunk's {@code /services/collector/event},
 * Datadog's {@code /api/v2/logs}): scheme, host and port only. Splunk prints the HEC URL with
 * {@code /services/collector}, and pasted as it is, every batch would go to
 * {@code /services/collector/services/collector/event} and into the DLQ; a query or fragment would send it to
 * {@code /}. The forwarder refuses such a value at cold start and the Maven plugin when it generates.
 */
public final class IntakeBaseUrl {

    private IntakeBaseUrl() {
    }

    /**
     * Why {@code url} is not a base URL, or empty when it is (a path of {@code ""} or {@code "/"}). The text never
     * quotes the URL: its user info or query may hold a credential.
     */
    public static Optional<String> problem(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (url.getRawUserInfo() != null) {
            return Optional.of("has user info (name:password@)");
        }
        if (!(path.isEmpty() || path.equals("/"))) {
            return Optional.of("has a path after the host");
        }
        if (url.getRawQuery() != null) {
            return Optional.of("has a query (?…)");
        }
        if (url.getRawFragment() != null) {
            return Optional.of("has a fragment (#…)");
        }
        return Optional.empty();
    }
}
