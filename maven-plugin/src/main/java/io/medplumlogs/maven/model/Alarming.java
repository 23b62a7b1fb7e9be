package io.medplumlogs.maven.model;

import io.medplumlogs.contract.ForwarderMetrics;
import java.util.List;
import java.util.Locale;

/** What both renderers alarm on and how they name it, so CloudFormation and Terraform watch alike. */
public final class Alarming {

    /**
     * The forwarder's own metrics (Sum over {@link #PERIOD_SECONDS}, {@code Vendor} dimension) that mean logs need a
     * person when above 0: chunks dead-lettered (not at the vendor yet), redriven logs whose delete failed (the next
     * redrive sends them again: a duplicate at the vendor that nothing else tells of), and entries whose content was
     * cut (a tripwire: a long line is sent in parts that the DLQ holds whole, so nothing should be).
     */
    public static final List<ForwarderMetricAlarm> FORWARDER_METRIC_ALARMS = List.of(
            new ForwarderMetricAlarm(ForwarderMetrics.CHUNKS_DEAD_LETTERED,
                    "The forwarder wrote chunks to the dead-letter queue: the vendor refused them or was unreachable."),
            new ForwarderMetricAlarm(ForwarderMetrics.REDRIVE_REDELIVERED_NOT_DELETED,
                    "Redrive delivered dead-lettered chunks but could not delete them from the dead-letter queue: the"
                            + " next redrive sends them again (duplicates at the vendor); see the function's log group."),
            new ForwarderMetricAlarm(ForwarderMetrics.INVOCATIONS_RECOVERED_NOT_DELETED,
                    "Redrive delivered given-up invocations but could not delete them from the on-failure queue: the"
                            + " next redrive sends them again (duplicates at the vendor); see the function's log group."),
            new ForwarderMetricAlarm(ForwarderMetrics.ENTRIES_TRUNCATED,
                    "The forwarder cut log entries to store them in the dead-letter queue, which it should never"
                            + " need to: what was cut is lost; see its log group."));

    /**
     * Transport {@code firehose}: records the transformation answered {@code ProcessingFailed}, which Firehose backs up
     * without a failure in its own metrics (its {@code ExecuteProcessing.Success} counts invocations).
     */
    public static final ForwarderMetricAlarm RECORDS_PROCESSING_FAILED_ALARM = new ForwarderMetricAlarm(
            ForwarderMetrics.RECORDS_PROCESSING_FAILED, "The transformation function could not transform records (not"
                    + " a CloudWatch Logs payload, or too big for its response): Firehose wrote them to the backup"
                    + " bucket under " + FirehoseNames.PROCESSING_FAILED_FOLDER + "; the function's log group says why"
                    + " for each; see README.md, section " + FirehoseNames.RESEND_SECTION + ".");

    /** The login line of the log contract is JSON with {@code "msg":"Login failed"}. */
    public static final String FAILED_LOGIN_PATTERN = "{ $.msg = \"Login failed\" }";
    public static final String FAILED_LOGIN_METRIC = "FailedLogins";

    /** The failed-login metric filter of each subscribed group. */
    public static String failedLoginFilterName(String functionName) {
        return functionName + "-failed-logins";
    }
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

    /**
     * An alarm on one forwarder metric; its names follow the metric's, so renaming a metric in the contract renames
     * its alarm in both renderers alike.
     */
    public record ForwarderMetricAlarm(String metric, String description) {

        /** {@code ChunksDeadLettered} → {@code ChunksDeadLetteredAlarm}, the CloudFormation logical id. */
        public String logicalId() {
            return metric + "Alarm";
        }

        /** {@code ChunksDeadLettered} → {@code chunks_dead_lettered}, the Terraform resource name. */
        public String terraformName() {
            return words("_");
        }

        /** {@code ChunksDeadLettered} → {@code chunks-dead-lettered}, after the function name in the alarm's name. */
        public String nameSuffix() {
            return words("-");
        }

        private String words(String separator) {
            return metric.replaceAll("(?<=[a-z0-9])(?=[A-Z])", separator).toLowerCase(Locale.ROOT);
        }
    }
}
