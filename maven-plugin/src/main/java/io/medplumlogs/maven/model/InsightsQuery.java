package io.medplumlogs.maven.model;

import java.util.List;

/**
 * A saved CloudWatch Logs Insights query over the application's log groups. Field names are those of the log
 * contract ({@code msg}, {@code durationMs}, {@code interaction}, {@code resourceType}, {@code ip}, {@code user},
 * {@code traceId}, {@code otelTraceId}). The docs (audit-lines.adoc) quote each query; {@code InsightsQueryTest} keeps
 * them equal.
 *
 * @param key stable identifier for logical IDs / Terraform names
 * @param title the name shown in the Logs Insights console
 * @param query the query text
 */
public record InsightsQuery(String key, String title, String query) {

    /** Placeholder the user replaces in the console; a literal so the saved query runs (and finds nothing). */
    public static final String TRACE_ID_PLACEHOLDER = "REPLACE_WITH_TRACE_ID";

    public static List<InsightsQuery> standard() {
        return List.of(
                new InsightsQuery("SlowestFhirInteractions", "Slowest FHIR interactions per resource type",
                        "filter msg = \"Request served\" and ispresent(interaction)"
                                + " | stats count(*) as requests, avg(durationMs) as avgMs, max(durationMs) as maxMs"
                                + " by interaction, resourceType | sort maxMs desc | limit 50"),
                new InsightsQuery("FailedLoginsPerIp", "Failed logins per IP",
                        "filter msg = \"Login failed\" | stats count(*) as failures by ip, mechanism"
                                + " | sort failures desc"),
                // user on a failure is the keyed hash of the typed name (never the name): countable, not readable
                new InsightsQuery("FailedLoginsPerAccount", "Failed logins per account",
                        "filter msg = \"Login failed\" and ispresent(user)"
                                + " | stats count(*) as failures, count_distinct(ip) as ips by user"
                                + " | sort failures desc"),
                // a caller's non-hex token is the app's traceId, and the span's trace-id (which the callees' lines
                // have as their traceId) is its otelTraceId: the span's trace-id finds both
                new InsightsQuery("OneTrace", "All lines of one traceId",
                        "fields @timestamp, level, logger, msg, status, interaction, error, requestId, @logStream"
                                + " | filter traceId = \"" + TRACE_ID_PLACEHOLDER + "\" or otelTraceId = \""
                                + TRACE_ID_PLACEHOLDER + "\" | sort @timestamp asc"));
    }
}
