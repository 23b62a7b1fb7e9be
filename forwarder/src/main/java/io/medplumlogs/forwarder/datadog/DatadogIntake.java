package io.medplumlogs.forwarder.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.Endpoints;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.delivery.Framing;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.Vendor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

/**
 * Datadog logs intake v2: {@code POST <base>/api/v2/logs}, {@code DD-API-KEY}, a JSON array of log objects.
 *
 * <p>A contract line keeps all its fields as attributes, with {@code msg} moved to {@code message} and {@code level}
 * copied to {@code status}; the HTTP fields of {@code Request served} also become Datadog's standard attributes
 * ({@link DatadogStandardAttributes}, the HTTP status moves to {@code http.status_code}); trace IDs are added as
 * {@code trace_id}/{@code span_id} and {@code dd.trace_id}/{@code dd.span_id}. CloudWatch metadata goes to
 * {@code aws.awslogs.*}, as Datadog's own forwarder names it. A log group in the {@link LogGroupMapping} gets its
 * {@code service} and {@code ddsource}, and its tags added to {@code ddtags}.
 */
public final class DatadogIntake implements Intake {

    public static final String PATH = "/api/v2/logs";
    public static final String SERVICE = SettingNames.DATADOG_SERVICE;
    public static final String SOURCE = SettingNames.DATADOG_SOURCE;
    public static final String TAGS = SettingNames.DATADOG_TAGS;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Fields, constructor, vendor() and framing() have the same shape in every Intake (Datadog, Splunk, Sumo Logic):
    // one small class per vendor implementing the interface, each with its own endpoint, credential and framing.
    private final URI uri;
    private final String apiKey;
    private final Map<String, String> settings;
    private final LogGroupMapping mapping;
    /** The last batch's shared attributes; immutable, so a racing second batch at worst works them out again. */
    private volatile DatadogBatchAttributes batch;

    /**
     * @param settings vendor settings by variable name ({@link #SERVICE}, {@link #SOURCE}, {@link #TAGS}, and
     *     {@link ForwarderContract#ENV_LOG_GROUP_MAPPING})
     */
    public DatadogIntake(URI baseUrl, String apiKey, Map<String, String> settings) {
        this.uri = Endpoints.resolve(baseUrl, PATH);
        this.apiKey = apiKey;
        this.settings = settings;
        this.mapping = LogGroupMapping.parse(settings.get(ForwarderContract.ENV_LOG_GROUP_MAPPING));
    }

    @Override
    public Vendor vendor() {
        return Vendor.DATADOG;
    }

    @Override
    public Framing framing() {
        return Framing.JSON_ARRAY;
    }

    @Override
    public ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message) {
        // the parsed line becomes the entry itself (Intake#encode): no copy of its fields per line
        ObjectNode log = message.isStructured() ? message.json() : NODES.objectNode();
        if (message.isStructured()) {
            JsonNode msg = log.remove(LogLineFields.MSG);
            if (msg != null) {
                JsonNode own = log.remove("message");
                if (own != null) {
                    // a field of the line's own named message (an app's MDC key) is kept, renamed as the
                    // extension renames colliding MDC keys, never overwritten
                    String name = LogLineFields.MDC_PREFIX + "message";
                    while (log.has(name)) {
                        name = LogLineFields.MDC_PREFIX + name;
                    }
                    log.set(name, own);
                }
                log.set("message", msg);
            }
            DatadogStandardAttributes.add(log);
        } else {
            log.put("message", message.text());
            message.putCorrelation(log);
        }
        if (message.truncated()) {
            log.put(LogLineFields.TRUNCATED, true);
        }
        if (!log.has(LogLineFields.TIMESTAMP)) {
            log.put(LogLineFields.TIMESTAMP, event.timestamp());
        }
        message.levelValue().ifPresent(level -> log.put(DatadogStandardAttributes.STATUS,
                level.toLowerCase(Locale.ROOT)));
        correlate(log, message);
        batchAttributes(source).putInto(log);
        return log;
    }

    private static void correlate(ObjectNode log, LogMessage message) {
        ObjectNode dd = NODES.objectNode();
        if (message.traceId() != null) {
            log.put("trace_id", message.traceId());
            DatadogTraceIds.decimalTraceId(message.traceId()).ifPresent(id -> dd.put("trace_id", id));
        }
        if (message.spanId() != null) {
            log.put("span_id", message.spanId());
            DatadogTraceIds.decimalSpanId(message.spanId()).ifPresent(id -> dd.put("span_id", id));
        }
        if (!dd.isEmpty()) {
            log.set("dd", dd);
        }
    }

    /** The batch's shared attributes, worked out on its first entry (one invocation at a time per environment). */
    private DatadogBatchAttributes batchAttributes(SubscriptionEvent source) {
        DatadogBatchAttributes current = batch;
        if (current == null || current.source() != source) {
            current = DatadogBatchAttributes.of(source, settings, mapping);
            batch = current;
        }
        return current;
    }

    @Override
    public HttpRequest.Builder newRequest(Map<String, String> metadataHeaders) {
        return HttpRequest.newBuilder(uri)
                .header("DD-API-KEY", apiKey)
                .header("Content-Type", "application/json");
    }
}
