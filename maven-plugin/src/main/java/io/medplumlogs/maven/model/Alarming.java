package io.medplumlogs.maven.model;

/** Names shared by both renderers for the failed-login metric, so CloudFormation and Terraform count alike. */
public final class Alarming {

    /** The login line of the log contract is JSON with {@code "msg":"Login failed"}. */
    public static final String FAILED_LOGIN_PATTERN = "{ $.msg = \"Login failed\" }";
    public static final String FAILED_LOGIN_METRIC = "FailedLogins";
    /** Alarms look at five-minute windows: short enough to page on a spike, long enough not to flap. */
    public static final int PERIOD_SECONDS = 300;

    private Alarming() {
    }

    /** Per function, so two forwarders over the same app (two vendors) don't add into one count. */
    public static String metricNamespace(String functionName) {
        return "MedplumLogs/" + functionName;
    }

    public static String queryName(String functionName, InsightsQuery query) {
        return "medplum-logs/" + functionName + "/" + query.title();
    }
}
