package io.medplumlogs.contract;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The log vendors the forwarder ships to. Every fact the forwarder and the generator both need about a vendor lives
 * here, so that the deployed configuration and the running code cannot disagree.
 */
public enum Vendor {

    /**
     * Datadog logs intake API v2: {@code POST /api/v2/logs}, {@code DD-API-KEY}, a JSON array, gzip accepted.
     * Limits: 1000 entries, 5 MB uncompressed per request, 1 MB per log (checked against Datadog's "Send logs" API
     * reference, docs.datadoghq.com/api/latest/logs/; bigger logs are truncated there, so the forwarder sends them in
     * parts, {@link SplitEntryFields}). Age: "Log events can be submitted with a timestamp that is up to 18 hours in the past" (same page);
     * older ones are dropped while the intake still answers 202. Ahead: "Log events can be submitted up to 18 hours in
     * the past and two hours in the future" (Log Date Remapper, docs.datadoghq.com/logs/log_configuration/processors/).
     */
    // The three constants share a shape (limits, then settings): that is the vendor model, one row per vendor.
    DATADOG("datadog", "Datadog", "the Datadog API key",
            new IntakeLimits(1000, 5_000_000, 1_000_000, Optional.of(Duration.ofHours(18)),
                    Optional.of(Duration.ofHours(2))),
            List.of(
                    Setting.of(SettingNames.DATADOG_SERVICE, "medplum-logs.datadog.service",
                            "Datadog `service` attribute of every forwarded log"),
                    Setting.of(SettingNames.DATADOG_SOURCE, "medplum-logs.datadog.source",
                            "Datadog `ddsource` attribute (selects the log pipeline)", "medplum-logs"),
                    Setting.of(SettingNames.DATADOG_TAGS, "medplum-logs.datadog.tags",
                            "Datadog `ddtags`, comma-separated `key:value` pairs"))),

    /**
     * Splunk HTTP Event Collector: {@code POST <hec>/services/collector/event}, {@code Authorization: Splunk <token>},
     * concatenated JSON event objects, gzip accepted. 1 MB per request keeps within Splunk Cloud's default
     * {@code max_content_length}. Per event: what Splunk indexes of one event without cutting it, its sourcetype's
     * {@code TRUNCATE}, 10 000 bytes by default ({@link SplunkEventBytes}; the limit below, raised per deployment with
     * {@value SettingNames#SPLUNK_MAX_EVENT_BYTES}). Age: none at the intake; the envelope's {@code time} is used as given (Splunk's "HTTP
     * Event Collector REST API endpoints"); only an index's retention ({@code frozenTimePeriodInSecs}, 6 years by
     * default) ages events out.
     */
    SPLUNK("splunk", "Splunk HTTP Event Collector", "the HEC token",
            new IntakeLimits(1000, 1_000_000, SplunkEventBytes.DEFAULT),
            List.of(
                    Setting.of(SettingNames.SPLUNK_INDEX, "medplum-logs.splunk.index",
                            "Splunk index (the token's default index when unset)"),
                    Setting.of(SettingNames.SPLUNK_SOURCETYPE, "medplum-logs.splunk.sourcetype",
                            "Splunk sourcetype", "_json"),
                    Setting.of(SettingNames.SPLUNK_SOURCE, "medplum-logs.splunk.source",
                            "Splunk source (the log group when unset)"),
                    Setting.of(SettingNames.SPLUNK_HOST, "medplum-logs.splunk.host",
                            "Splunk host (the log stream when unset)"),
                    Setting.of(SettingNames.SPLUNK_MAX_EVENT_BYTES, "medplum-logs.splunk.maxEventBytes",
                            "most bytes of one Splunk event, your sourcetype's TRUNCATE (" + SplunkEventBytes.MIN
                                    + " to " + SplunkEventBytes.MAX + "); a longer line is sent in parts",
                            String.valueOf(SplunkEventBytes.DEFAULT)))),

    /**
     * Sumo Logic hosted collector HTTP source: {@code POST <source URL>}, the URL is the credential,
     * newline-separated records, gzip accepted; requests kept at about 1 MB as Sumo recommends ("HTTP Logs and Metrics
     * Source", Data payload considerations: 100 KB to 1 MB before compression, never more than 1 MB). The 64 000-byte
     * per-event limit is this project's conservative choice for Sumo's message size, not a documented hard limit.
     * Age: Sumo assumes message times within -1 year to +2 days of now and re-stamps others with the receipt time
     * (Sumo Logic collector FAQ, "Assumption: Data is less than 365 days old"): a time further ahead is moved, the
     * line kept, so no lead limit is modelled.
     */
    SUMOLOGIC("sumologic", "Sumo Logic", "the HTTP source URL",
            new IntakeLimits(10_000, 1_000_000, 64_000, Optional.of(Duration.ofDays(365))),
            List.of(
                    Setting.of(SettingNames.SUMOLOGIC_CATEGORY, "medplum-logs.sumologic.category",
                            "X-Sumo-Category (the source's category when unset)"),
                    Setting.of(SettingNames.SUMOLOGIC_NAME, "medplum-logs.sumologic.name",
                            "X-Sumo-Name (the log group when unset)"),
                    Setting.of(SettingNames.SUMOLOGIC_HOST, "medplum-logs.sumologic.host",
                            "X-Sumo-Host (the log stream when unset)"),
                    Setting.of(SettingNames.SUMOLOGIC_FIELDS, "medplum-logs.sumologic.fields",
                            "extra X-Sumo-Fields, comma-separated `key=value` pairs")));

    // Plain fields and accessors (alike in shape to other value holders in the project): each names a vendor fact.
    private final String id;
    private final String displayName;
    private final String credential;
    private final IntakeLimits limits;
    private final List<Setting> settings;

    Vendor(String id, String displayName, String credential, IntakeLimits limits, List<Setting> settings) {
        this.id = id;
        this.displayName = displayName;
        this.credential = credential;
        this.limits = limits;
        this.settings = settings;
    }

    // (Accessors: one per vendor fact, alike by nature.)
    /** The name users write: {@code datadog}, {@code splunk}, {@code sumologic}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** What the Secrets Manager secret holds for this vendor, as a phrase for docs and errors. */
    public String credential() {
        return credential;
    }

    public IntakeLimits limits() {
        return limits;
    }

    /** The vendor-specific optional settings, in the order docs list them. */
    public List<Setting> settings() {
        return settings;
    }

    /** The vendor for a name as users write it (trimmed, case-insensitive). */
    public static Optional<Vendor> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.id.equals(wanted)).findFirst();
    }

    /** The valid names, comma-separated, for error messages. */
    public static String validIds() {
        return Arrays.stream(values()).map(Vendor::id).collect(Collectors.joining(", "));
    }
}
