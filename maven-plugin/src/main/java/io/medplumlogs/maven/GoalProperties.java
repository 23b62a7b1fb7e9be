package io.medplumlogs.maven;

/** The goal's user property names: the public contract (docs, {@code -D} options, error messages). */
final class GoalProperties {

    static final String PREFIX = "medplum-logs.";
    static final String VENDOR = PREFIX + "vendor";
    static final String LOG_GROUPS = PREFIX + "logGroups";
    static final String FORMATS = PREFIX + "formats";
    static final String OUTPUT_DIRECTORY = PREFIX + "outputDirectory";
    static final String SECRET_ARN = PREFIX + "secretArn";
    static final String CREATE_SECRET = PREFIX + "createSecret";
    static final String FILTER_PATTERN = PREFIX + "filterPattern";
    static final String DATADOG_SITE = PREFIX + "datadog.site";
    static final String SPLUNK_HEC_URL = PREFIX + "splunk.hecUrl";
    static final String FUNCTION_NAME = PREFIX + "functionName";
    static final String MEMORY = PREFIX + "memory";
    static final String TIMEOUT = PREFIX + "timeout";
    static final String LOG_RETENTION_DAYS = PREFIX + "logRetentionDays";
    static final String RETRY_ATTEMPTS = PREFIX + "retryAttempts";
    static final String MAX_EVENT_AGE = PREFIX + "maxEventAge";
    static final String REDRIVE_SCHEDULE = PREFIX + "redriveSchedule";
    static final String FAILED_LOGIN_THRESHOLD = PREFIX + "failedLoginThreshold";
    static final String ALARM_TOPIC_ARN = PREFIX + "alarmTopicArn";
    static final String ALARM_EMAIL = PREFIX + "alarmEmail";
    static final String TAGS = PREFIX + "tags";
    static final String LOG_GROUP_MAPPING = PREFIX + "logGroupMapping";
    static final String ARCHITECTURE = PREFIX + "architecture";
    static final String SNAP_START = PREFIX + "snapStart";
    static final String SKIP = PREFIX + "skip";
    static final String TRANSPORT = PREFIX + "transport";

    private GoalProperties() {
    }

    /** How the user sets a property on the command line, for error messages. */
    static String flag(String property, String example) {
        return "-D" + property + "=" + example;
    }
}
