package io.medplumlogs.forwarder.datadog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

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
        String ddtags = ddtags(settings.get(DatadogIntake.TAGS), mapped.map(LogGroupMapping.Attributes::tags)
                .orElse(Map.of()));
        return new DatadogBatchAttributes(source, NODES.textNode(ddsource), NODES.textNode(service),
                ddtags == null ? null : NODES.textNode(ddtags), awsText(source));
    }

    /**
     * The function-wide tags, then the mapped group's. A mapped tag replaces a function-wide one of the same name,
     * and the first of two mapped tags of one name is kept, compared without regard to case as Datadog lower-cases
     * tags: both would file the logs under two values ({@code env:staging} and {@code env:prod}). {@code null} when
     * there are none.
     */
    private static String ddtags(String functionWide, Map<String, String> mappedTags) {
        Set<String> mappedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        mappedNames.addAll(mappedTags.keySet());
        StringJoiner tags = new StringJoiner(",");
        if (functionWide != null) {
            for (String tag : functionWide.split(",")) {
                int colon = tag.indexOf(':');
                if (!mappedNames.contains((colon < 0 ? tag : tag.substring(0, colon)).strip())) {
                    tags.add(tag);
                }
            }
        }
        // the mapping refuses a tag twice only in the same case: of env and Env the first is kept, as at Sumo Logic
        Set<String> added = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        mappedTags.forEach((name, value) -> {
            if (added.add(name)) {
                tags.add(name + ":" + value);
            }
        });
        return tags.length() == 0 ? null : tags.toString();
    }

    /**
     * Puts the attributes into {@code log}, each where a field of that name already is, else at the end; a different
     * value the line had is kept as {@code mdc.<name>}. A line's own {@code aws} object keeps its fields and gets the
     * {@code awslogs} members it lacks.
     */
    void putInto(ObjectNode log) {
        DatadogIntake.setKeepingOwn(log, "ddsource", ddsource);
        DatadogIntake.setKeepingOwn(log, "service", service);
        if (ddtags != null) {
            DatadogIntake.setKeepingOwn(log, "ddtags", ddtags);
        }
        JsonNode own = log.get("aws");
        if (!(own instanceof ObjectNode)) {
            if (aws != null) {
                DatadogIntake.setKeepingOwn(log, "aws", NODES.rawValueNode(aws));
            } else {
                ObjectNode ours = NODES.objectNode();
                awsObject(ours, source);
                DatadogIntake.setKeepingOwn(log, "aws", ours);
            }
        } else {
            ObjectNode ownAws = (ObjectNode) own;
            // the line's own aws object (an SDK call it logged) keeps its fields; awslogs gets only what it lacks
            if (ownAws.get("awslogs") instanceof ObjectNode ownAwslogs) {
                awslogsMembers(ownAwslogs, source);
            } else {
                ObjectNode awslogs = NODES.objectNode();
                awslogsMembers(awslogs, source);
                DatadogIntake.setKeepingOwn(ownAws, "awslogs", awslogs);
            }
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
        awslogsMembers(aws.putObject("awslogs"), source);
    }

    /** CloudWatch's names for the batch, each where {@code awslogs} does not have it yet. */
    private static void awslogsMembers(ObjectNode awslogs, SubscriptionEvent source) {
        if (!awslogs.has("logGroup")) {
            awslogs.put("logGroup", source.logGroup());
        }
        if (!awslogs.has("logStream")) {
            awslogs.put("logStream", source.logStream());
        }
        if (!awslogs.has("owner")) {
            awslogs.put("owner", source.owner());
        }
    }

    private static boolean wellFormed(String value) {
        return RawJsonText.isWellFormed(value, 0, value.length());
    }
}
