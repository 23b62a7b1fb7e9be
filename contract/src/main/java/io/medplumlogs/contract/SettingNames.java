package io.medplumlogs.contract;

/**
 * Environment variable names of the vendor settings, for code that reads one setting by name (the forwarder's
 * intakes). {@link Vendor#settings()} declares them with their plugin property and description.
 */
public final class SettingNames {

    // Constant declarations, one per variable name: the one place they are spelled.
    public static final String DATADOG_SERVICE = "MEDPLUM_LOGS_DATADOG_SERVICE";
    public static final String DATADOG_SOURCE = "MEDPLUM_LOGS_DATADOG_SOURCE";
    public static final String DATADOG_TAGS = "MEDPLUM_LOGS_DATADOG_TAGS";

    public static final String SPLUNK_INDEX = "MEDPLUM_LOGS_SPLUNK_INDEX";
    public static final String SPLUNK_SOURCETYPE = "MEDPLUM_LOGS_SPLUNK_SOURCETYPE";
    public static final String SPLUNK_SOURCE = "MEDPLUM_LOGS_SPLUNK_SOURCE";
    public static final String SPLUNK_HOST = "MEDPLUM_LOGS_SPLUNK_HOST";
    public static final String SPLUNK_MAX_EVENT_BYTES = "MEDPLUM_LOGS_SPLUNK_MAX_EVENT_BYTES";

    public static final String SUMOLOGIC_CATEGORY = "MEDPLUM_LOGS_SUMOLOGIC_CATEGORY";
    public static final String SUMOLOGIC_NAME = "MEDPLUM_LOGS_SUMOLOGIC_NAME";
    public static final String SUMOLOGIC_HOST = "MEDPLUM_LOGS_SUMOLOGIC_HOST";
    public static final String SUMOLOGIC_FIELDS = "MEDPLUM_LOGS_SUMOLOGIC_FIELDS";

    private SettingNames() {
    }
}
