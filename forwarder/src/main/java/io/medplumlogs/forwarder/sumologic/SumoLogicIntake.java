package io.medplumlogs.forwarder.sumologic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.delivery.Framing;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.SumoLogicFields;
import io.medplumlogs.contract.Vendor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sumo Logic HTTP source: {@code POST <source URL>} (the URL is the secret), one record per line. Every record is one
 * line of JSON, so a multi-line message (a stack trace) stays one record and Sumo's JSON auto-parsing finds
 * {@code level}, {@code requestId} and {@code traceId}. CloudWatch metadata travels once per request in
 * {@code X-Sumo-Fields}; name and host default to log group and stream. A log group in the {@link LogGroupMapping}
 * gets its {@code source} as {@code X-Sumo-Category}, and its {@code service} and tags added to {@code X-Sumo-Fields}.
 */
public final class SumoLogicIntake implements Intake {

    public static final String CATEGORY = SettingNames.SUMOLOGIC_CATEGORY;
    public static final String NAME = SettingNames.SUMOLOGIC_NAME;
    public static final String HOST = SettingNames.SUMOLOGIC_HOST;
    public static final String FIELDS = SettingNames.SUMOLOGIC_FIELDS;
    /** The header that carries the batch's {@link #fields}. */
    public static final String FIELDS_HEADER = "X-Sumo-Fields";

    /** The record field of a plain-text line, or of one part of a split line. */
    static final String MESSAGE = "message";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Fields, constructor, vendor() and framing() have the same shape in every Intake (Datadog, Splunk, Sumo Logic):
    // one small class per vendor implementing the interface, each with its own endpoint, credential and framing.
    private final URI sourceUrl;
    private final Map<String, String> settings;
    private final LogGroupMapping mapping;

    public SumoLogicIntake(URI sourceUrl, Map<String, String> settings) {
        this.sourceUrl = sourceUrl;
        this.settings = settings;
        this.mapping = LogGroupMapping.parse(settings.get(ForwarderContract.ENV_LOG_GROUP_MAPPING));
    }

    @Override
    public Vendor vendor() {
        return Vendor.SUMOLOGIC;
    }

    @Override
    public Framing framing() {
        return Framing.LINES;
    }

    @Override
    public ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message) {
        ObjectNode record;
        if (message.isStructured() && message.json().has(LogLineFields.TIMESTAMP)) {
            record = message.json(); // the line as written is the record (Intake#encode): no copy of its fields
        } else if (message.isStructured()) {
            record = NODES.objectNode();
            record.put(LogLineFields.TIMESTAMP, Instant.ofEpochMilli(event.timestamp()).toString());
            record.setAll(message.json());
        } else {
            record = NODES.objectNode();
            record.put(LogLineFields.TIMESTAMP, Instant.ofEpochMilli(event.timestamp()).toString());
            message.putCorrelation(record);
            record.put(MESSAGE, message.text());
        }
        if (message.truncated()) {
            record.put(LogLineFields.TRUNCATED, true);
        }
        if (message.part() != null) {
            message.part().putInto(record);
        }
        return record;
    }

    @Override
    public Map<String, String> metadataHeaders(SubscriptionEvent source) {
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<LogGroupMapping.Attributes> mapped = mapping.forLogGroup(source.logGroup());
        // Sumo's _sourceCategory is what its users search by: a mapped group's source sets it
        mapped.flatMap(LogGroupMapping.Attributes::source).or(() -> Optional.ofNullable(settings.get(CATEGORY)))
                .ifPresent(category -> headers.put("X-Sumo-Category", category));
        headers.put("X-Sumo-Name", headerSafe(settings.getOrDefault(NAME, source.logGroup())));
        headers.put("X-Sumo-Host", headerSafe(settings.getOrDefault(HOST, source.logStream())));
        StringBuilder fields = new StringBuilder();
        fields(source).forEach((name, value) -> fields.append(fields.isEmpty() ? "" : ",").append(name).append('=')
                .append(value));
        headers.put(FIELDS_HEADER, fields.toString());
        return headers;
    }

    /**
     * What {@value #FIELDS_HEADER} says for the batch, key by key in the order sent: CloudWatch's log group, stream and
     * account, the function-wide fields, then a mapped group's service and tags. Each key once, compared without regard
     * to case as Sumo Logic compares field names (Sumo would pick one of a repeated key's values): CloudWatch's names
     * keep their meaning, the mapped service wins over a tag named {@code service}, a mapped tag over a later one of
     * the same name and over the function-wide field of that name. The Firehose transform writes the same keys into
     * each record.
     */
    public Map<String, String> fields(SubscriptionEvent source) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("logGroup", fieldValue(source.logGroup()));
        fields.put("logStream", fieldValue(source.logStream()));
        fields.put("account", fieldValue(source.owner()));
        Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        taken.addAll(SumoLogicFields.CLOUDWATCH_KEYS);
        Map<String, String> extra = new LinkedHashMap<>();
        mapping.forLogGroup(source.logGroup()).ifPresent(attributes -> {
            attributes.service().ifPresent(service -> extra.put("service", service));
            // a mapped tag of CloudWatch's names is left out (the function-wide fields cannot name them:
            // SumoLogicFields)
            attributes.tags().forEach((name, value) -> {
                if (!taken.contains(name) && extra.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                    extra.put(name, value);
                }
            });
        });
        taken.addAll(extra.keySet());
        if (settings.containsKey(FIELDS)) {
            // key=value pairs, each key once whatever its case: checked at cold start (SumoLogicFields)
            for (String pair : settings.get(FIELDS).split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && !taken.contains(pair.substring(0, equals))) {
                    fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        fields.putAll(extra);
        return fields;
    }

    /** X-Sumo-Fields is {@code k=v,k=v}: a comma or equals sign inside a value would split it. */
    private static String fieldValue(String value) {
        return headerSafe(value).replace(',', '_').replace('=', '_');
    }

    /** Log stream names may hold any character; an HTTP header value only printable ASCII. */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        value.chars().forEach(c -> safe.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
        return safe.toString();
    }

    @Override
    public HttpRequest.Builder newRequest(Map<String, String> metadataHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(sourceUrl).header("Content-Type", "text/plain; charset=utf-8");
        metadataHeaders.forEach(request::header);
        return request;
    }
}
