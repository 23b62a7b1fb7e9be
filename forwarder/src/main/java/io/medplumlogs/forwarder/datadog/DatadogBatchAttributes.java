package io.medplumlogs.forwarder.datadog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.forwarder.cloudwatch.RawJsonText;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes every entry of one batch shares ({@code ddsource}, {@code service}, {@code ddtags},
 * {@code aws.awslogs}): they depend only on the batch's log group, stream and account and on the settings, so they
 * are worked out once per batch, and {@code aws} is kept as its JSON text and UTF-8 bytes, copied into each entry.
 *
 * @param source the batch these are for (compared by identity: a new batch, a redriven one included, gets its own)
 * @param aws {@code {"awslogs":{…}}} as JSON text, or {@code null} when a name holds a lone surrogate half: such a
 *     name takes the object path, so that it is written as it always was
 */
record DatadogBatchAttributes(SubscriptionEvent source, TextNode ddsource, TextNode service, TextNode ddtags,
        RawValue aws) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static DatadogBatchAttributes of(SubscriptionEvent source, Map<String, String> settings,
            LogGroupMapping mapping) {
        // a mapped log group's service/source win over the function-wide ones; its tags add to them
        Optional<LogGroupMapping.Attributes> mapped = mapping.forLogGroup(source.logGroup());
        String ddsource = mapped.flatMap(LogGroupMapping.Attributes::source)
                .orElseGet(() -> settings.getOrDefault(DatadogIntake.SOURCE, "medplum-logs"));
        String service = mapped.flatMap(LogGroupMapping.Attributes::service)
                .orElseGet(() -> settings.getOrDefault(DatadogIntake.SERVICE, source.logGroup()));
        String mappedTags = mapped.map(attributes -> attributes.joinedTags(":", ",")).orElse("");
        String tags = settings.get(DatadogIntake.TAGS);
        String ddtags = mappedTags.isEmpty() ? tags : tags == null ? mappedTags : tags + "," + mappedTags;
        return new DatadogBatchAttributes(source, NODES.textNode(ddsource), NODES.textNode(service),
                ddtags == null ? null : NODES.textNode(ddtags), awsText(source));
    }

    /** Puts the attributes into {@code log}, each where a field of that name already is, else at the end. */
    void putInto(ObjectNode log) {
        log.set("ddsource", ddsource);
        log.set("service", service);
        if (ddtags != null) {
            log.set("ddtags", ddtags);
        }
        if (aws != null) {
            log.putRawValue("aws", aws);
        } else {
            awsObject(log.putObject("aws"), source);
        }
    }

    private static RawValue awsText(SubscriptionEvent source) {
        if (!wellFormed(source.logGroup()) || !wellFormed(source.logStream()) || !wellFormed(source.owner())) {
            return null;
        }
        ObjectNode aws = NODES.objectNode();
        awsObject(aws, source);
        try {
            return RawJsonText.of(JSON.writeValueAsString(aws));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write aws.awslogs", e);
        }
    }

    private static void awsObject(ObjectNode aws, SubscriptionEvent source) {
        ObjectNode awslogs = aws.putObject("awslogs");
        awslogs.put("logGroup", source.logGroup());
        awslogs.put("logStream", source.logStream());
        awslogs.put("owner", source.owner());
    }

    private static boolean wellFormed(String value) {
        return RawJsonText.isWellFormed(value, 0, value.length());
    }
}
