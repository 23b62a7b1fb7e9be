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
                    keepOwn(log, "message", own);
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
        if (message.part() != null) {
            message.part().putInto(log);
        }
        if (!log.has(LogLineFields.TIMESTAMP)) {
            log.put(LogLineFields.TIMESTAMP, event.timestamp());
        }
        message.levelValue().ifPresent(level -> setKeepingOwn(log, DatadogStandardAttributes.STATUS,
                NODES.textNode(level.toLowerCase(Locale.ROOT))));
        correlate(log, message);
        batchAttributes(source).putInto(log);
        return log;
    }

    /**
     * Datadog's trace attributes, from the line's hex trace id ({@link DatadogTraceIds#hexTraceId}: a caller's token
     * gives way to {@code otelTraceId}), each only where the line has none: a line's own {@code trace_id} stays, and
     * so does a {@code dd} object of its own (dd-trace's log injection writes service, env, version and the IDs
     * there), which gets only the members it lacks; a {@code dd} that is not an object is kept as {@code mdc.dd}.
     */
    private static void correlate(ObjectNode log, LogMessage message) {
        String traceId = DatadogTraceIds.hexTraceId(message.traceId(), message.otelTraceId());
        String spanId = message.spanId();
        if (traceId == null && spanId == null) {
            return;
        }
        if (traceId != null && !log.has("trace_id")) {
            log.put("trace_id", traceId);
        }
        if (spanId != null && !log.has("span_id")) {
            log.put("span_id", spanId);
        }
        JsonNode own = log.get("dd");
        ObjectNode dd = own instanceof ObjectNode ownDd ? ownDd : NODES.objectNode();
        if (traceId != null && !dd.has("trace_id")) {
            DatadogTraceIds.decimalTraceId(traceId).ifPresent(id -> dd.put("trace_id", id));
        }
        if (spanId != null && !dd.has("span_id")) {
            DatadogTraceIds.decimalSpanId(spanId).ifPresent(id -> dd.put("span_id", id));
        }
        if (dd != own && !dd.isEmpty()) {
            setKeepingOwn(log, "dd", dd);
        }
    }

    /**
     * Sets {@code name} where it stands (or at the end); a different value the line had there is kept under
     * {@code mdc.<name>}, never lost. For the attributes Datadog reserves ({@code status}, {@code service},
     * {@code ddsource}, {@code ddtags}) and the objects the forwarder's attributes go into ({@code dd}, {@code aws})
     * when the line's own is not an object. The map's put returns the old value: no extra lookup.
     */
    static void setKeepingOwn(ObjectNode log, String name, JsonNode value) {
        JsonNode own = log.replace(name, value);
        if (own != null && !own.equals(value)) {
            keepOwn(log, name, own);
        }
    }

    /** A line's own field of a name the forwarder uses, renamed as the extension renames colliding MDC keys. */
    private static void keepOwn(ObjectNode log, String name, JsonNode own) {
        String kept = LogLineFields.MDC_PREFIX + name;
        while (log.has(kept)) {
            kept = LogLineFields.MDC_PREFIX + kept;
        }
        log.set(kept, own);
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
