package io.medplumlogs.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Datadog's sites (regions). The logs intake host is {@code http-intake.logs.<site>}. */
public enum DatadogSite {
    US1("datadoghq.com"),
    US3("us3.datadoghq.com"),
    US5("us5.datadoghq.com"),
    EU1("datadoghq.eu"),
    AP1("ap1.datadoghq.com"),
    AP2("ap2.datadoghq.com"),
    US1_FED("ddog-gov.com");

    /** The site users pick when they don't say. */
    public static final DatadogSite DEFAULT = US1;

    private final String domain;

    DatadogSite(String domain) {
        this.domain = domain;
    }

    /** The site as Datadog writes it, e.g. {@code datadoghq.eu}. */
    public String domain() {
        return domain;
    }

    /** Base URL of the logs intake for this site, without a trailing slash. */
    public String logsIntakeBaseUrl() {
        return "https://http-intake.logs." + domain;
    }

    /** The site for a domain as users write it (case-insensitive), if it is one of Datadog's. */
    public static Optional<DatadogSite> fromDomain(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        String wanted = domain.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.domain.equals(wanted)).findFirst();
    }

    /** The valid domains, comma-separated, for error messages. */
    public static String validDomains() {
        return Arrays.stream(values()).map(DatadogSite::domain).collect(Collectors.joining(", "));
    }
}
