package io.medplumlogs.forwarder.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.Endpoints;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.delivery.Framing;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.contract.CorrelationFields;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.IntakeLimits;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.SplitEntryFields;
import io.medplumlogs.contract.SplunkEventBytes;
import io.medplumlogs.contract.Vendor;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splunk HEC: {@code POST <base>/services/collector/event}, {@code Authorization: Splunk <token>}, newline-separated
 * event objects. A contract line is the {@code event} object as written; with the default {@code _json} sourcetype
 * Splunk indexes its keys ({@code level::ERROR}, {@code status::200}). CloudWatch metadata becomes indexed
 * {@code fields} (flat strings, as HEC requires), and so do {@code level} and the correlation IDs when the event
 * does not carry them as indexed keys (plain-text lines, parts of a split line, or a sourcetype of the user's). A log
 * group in the {@link LogGroupMapping} gets its {@code source}, and its {@code service} and tags as indexed fields. An
 * empty or whitespace-only line, which HEC would refuse as a blank event, is the object event
 * {@code {"message": <line>}}.
 */
public final class SplunkIntake implements Intake {

    public static final String PATH = "/services/collector/event";
    public static final String INDEX = SettingNames.SPLUNK_INDEX;
    public static final String SOURCETYPE = SettingNames.SPLUNK_SOURCETYPE;
    public static final String SOURCE = SettingNames.SPLUNK_SOURCE;
    public static final String HOST = SettingNames.SPLUNK_HOST;

    /** Splunk's built-in sourcetype with indexed JSON extraction: every key of an event object is an indexed field. */
    public static final String JSON_SOURCETYPE = "_json";

    /** The member of the object event that carries an empty or whitespace-only line as written. */
    public static final String BLANK_LINE_FIELD = "message";

    // The HEC envelope's members this intake writes and, for a dead-lettered entry, reads back (storedLine).
    private static final String TIME = "time";
    private static final String EVENT = "event";
    private static final String FIELDS = "fields";
    private static final String LOG_GROUP = "logGroup";
    private static final String LOG_STREAM = "logStream";
    private static final String ACCOUNT = "account";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Fields, constructor, vendor() and framing() have the same shape in every Intake (Datadog, Splunk, Sumo Logic):
    // one small class per vendor implementing the interface, each with its own endpoint, credential and framing.
    private final URI uri;
    private final String token;
    private final Map<String, String> settings;
    private final LogGroupMapping mapping;

    public SplunkIntake(URI baseUrl, String token, Map<String, String> settings) {
        this.uri = Endpoints.resolve(baseUrl, PATH);
        this.token = token;
        this.settings = settings;
        this.mapping = LogGroupMapping.parse(settings.get(ForwarderContract.ENV_LOG_GROUP_MAPPING));
    }

    @Override
    public Vendor vendor() {
        return Vendor.SPLUNK;
    }

    /**
     * Entries within the deployment's {@value SettingNames#SPLUNK_MAX_EVENT_BYTES} (its sourcetype's {@code TRUNCATE},
     * Splunk's 10 000 bytes by default): Splunk would cut a longer event, so a longer line goes in parts.
     */
    @Override
    public IntakeLimits limits() {
        String bytes = settings.get(SettingNames.SPLUNK_MAX_EVENT_BYTES);
        return bytes == null ? Vendor.SPLUNK.limits()
                : Vendor.SPLUNK.limits().withMaxBytesPerEvent(SplunkEventBytes.parse(bytes));
    }

    /**
     * A stored HEC event as the line it holds: its {@code event} (a text, or an object as its JSON), time, and the log
     * group, stream and account of its indexed fields; a text event keeps the level and correlation IDs of its fields.
     * A stored part becomes the event {@code <partOf>.<part>}, so that its own parts say which part of which line they
     * are.
     */
    @Override
    public Optional<StoredLine> storedLine(ObjectNode entry) {
        JsonNode event = entry.get(EVENT);
        JsonNode time = entry.get(TIME);
        JsonNode fields = entry.get(FIELDS);
        if (event == null || !(event.isTextual() || event.isObject()) || time == null || !time.isNumber()
                || fields == null || !fields.isObject() || !fields.path(LOG_GROUP).isTextual()
                || !fields.path(LOG_STREAM).isTextual()) {
            return Optional.empty();
        }
        LogMessage message;
        if (event.isObject()) {
            message = LogMessage.parse(event.toString());
        } else {
            Map<String, String> correlation = new LinkedHashMap<>();
            for (String name : CorrelationFields.ALL) {
                if (fields.path(name).isTextual()) {
                    correlation.put(name, fields.get(name).asText());
                }
            }
            message = new LogMessage(event.asText(), null, correlation,
                    "true".equals(fields.path(LogLineFields.TRUNCATED).asText()), null);
        }
        String partOf = fields.path(SplitEntryFields.PART_OF).asText(null);
        String id = partOf == null ? null : partOf + "." + fields.path(SplitEntryFields.PART).asText("");
        long millis = time.decimalValue().movePointRight(3).longValue();
        SubscriptionEvent source = new SubscriptionEvent(SubscriptionEvent.DATA_MESSAGE,
                fields.path(ACCOUNT).asText(""), fields.get(LOG_GROUP).asText(), fields.get(LOG_STREAM).asText(),
                List.of(), List.of(new LogEvent(id, millis, message.text())));
        return Optional.of(new StoredLine(source, source.logEvents().get(0), message));
    }

    @Override
    public Framing framing() {
        return Framing.LINES;
    }

    @Override
    public ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message) {
        ObjectNode hec = NODES.objectNode();
        hec.put(TIME, BigDecimal.valueOf(event.timestamp(), 3));
        hec.put("host", settings.getOrDefault(HOST, source.logStream()));
        Optional<LogGroupMapping.Attributes> mapped = mapping.forLogGroup(source.logGroup());
        hec.put("source", mapped.flatMap(LogGroupMapping.Attributes::source)
                .orElseGet(() -> settings.getOrDefault(SOURCE, source.logGroup())));
        String sourcetype = settings.getOrDefault(SOURCETYPE, JSON_SOURCETYPE);
        hec.put("sourcetype", sourcetype);
        if (settings.containsKey(INDEX)) {
            hec.put("index", settings.get(INDEX));
        }
        if (message.isStructured()) {
            hec.set(EVENT, message.json());
        } else if (message.text().isBlank()) {
            // HEC refuses the whole request when one event is blank (400, code 13 "Event field cannot be blank"), and
            // would refuse its dead letter on every redrive: the line, as written, travels inside an object instead
            hec.putObject(EVENT).put(BLANK_LINE_FIELD, message.text());
        } else {
            hec.put(EVENT, message.text());
        }
        ObjectNode fields = hec.putObject(FIELDS);
        // _json indexes the event object's keys itself: the same key in fields too would be indexed twice
        // (a multivalue level=ERROR,ERROR); a text event, or a sourcetype of the user's, needs them here
        if (!(message.isStructured() && JSON_SOURCETYPE.equals(sourcetype))) {
            message.putCorrelation(fields);
        }
        // a mapped group's service and tags are indexed fields; CloudWatch's own names below win over a same-named tag,
        // and so do the event's: a key _json indexes from the event, or level/requestId/traceId put above
        boolean indexedFromEvent = message.isStructured() && JSON_SOURCETYPE.equals(sourcetype);
        mapped.ifPresent(attributes -> {
            Map<String, String> extra = new LinkedHashMap<>();
            attributes.service().ifPresent(service -> extra.put("service", service));
            attributes.tags().forEach(extra::putIfAbsent);
            extra.forEach((name, value) -> {
                if (!fields.has(name) && !(indexedFromEvent && message.json().has(name))) {
                    fields.put(name, value);
                }
            });
        });
        fields.put(LOG_GROUP, source.logGroup());
        fields.put(LOG_STREAM, source.logStream());
        fields.put(ACCOUNT, source.owner());
        if (message.truncated()) {
            fields.put(LogLineFields.TRUNCATED, "true");
        }
        if (message.part() != null) {
            message.part().putTextInto(fields);
        }
        return hec;
    }

    @Override
    public HttpRequest.Builder newRequest(Map<String, String> metadataHeaders) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Splunk " + token)
                .header("Content-Type", "application/json");
    }
}
