package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.delivery.Delivery;
import io.medplumlogs.forwarder.delivery.Redrive;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.Vendor;
import java.util.List;
import java.util.Optional;

/**
 * One CloudWatch Embedded Metric Format object per subscription batch (and one per redrive, one per Firehose
 * transformation): CloudWatch turns the line into metrics when it
 * lands in the function's log group, so metrics cost no API call and no time in the invocation. Names, namespace and
 * dimension sets are {@link ForwarderMetrics}, which the generated alarms use too.
 */
public final class EmbeddedMetrics {

    /** The message of the metrics line, for Logs Insights queries. */
    public static final String MSG = "Forwarder metrics";
    /** EMF takes at most 100 values per metric in one object. */
    private static final int MAX_VALUES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EmbeddedMetrics() {
    }

    /**
     * @param functionName the function's name, the dimension the generated alarms watch; when unknown (outside Lambda)
     *     the set that holds it is not declared, since CloudWatch refuses a line declaring a dimension it lacks
     */
    static ObjectNode of(Vendor vendor, Optional<String> functionName, String logGroup, int eventsReceived,
            Delivery.Summary summary, long timestampMillis) {
        ObjectNode line = NODES.objectNode();
        ArrayNode metrics = directive(line, timestampMillis, ForwarderMetrics.DIMENSION_SETS, functionName);
        line.put(ForwarderMetrics.DIMENSION_VENDOR, vendor.id());
        line.put(ForwarderMetrics.DIMENSION_LOG_GROUP, logGroup);
        put(line, metrics, ForwarderMetrics.EVENTS_RECEIVED, "Count", eventsReceived);
        put(line, metrics, ForwarderMetrics.ENTRIES_DELIVERED, "Count", summary.entriesDelivered());
        put(line, metrics, ForwarderMetrics.BYTES_SENT, "Bytes", summary.bytesSent());
        put(line, metrics, ForwarderMetrics.CHUNKS_RETRIED, "Count", summary.chunksRetried());
        put(line, metrics, ForwarderMetrics.CHUNKS_DEAD_LETTERED, "Count", summary.chunksDeadLettered());
        put(line, metrics, ForwarderMetrics.ENTRIES_TRUNCATED, "Count", summary.entriesTruncated());
        put(line, metrics, ForwarderMetrics.ENTRIES_SPLIT, "Count", summary.entriesSplit());
        put(line, metrics, ForwarderMetrics.DEAD_LETTER_WRITES_FAILED, "Count", summary.deadLetterWritesFailed());
        List<Long> latencies = summary.vendorLatenciesMillis();
        if (!latencies.isEmpty()) {
            // a declared metric without a value would make CloudWatch reject the whole object
            metrics.addObject().put("Name", ForwarderMetrics.VENDOR_LATENCY).put("Unit", "Milliseconds");
            ArrayNode values = line.putArray(ForwarderMetrics.VENDOR_LATENCY);
            latencies.stream().limit(MAX_VALUES).forEach(values::add);
        }
        return line;
    }

    /** The line of a redrive invocation: what it took out of the DLQ and the on-failure queue, and what it left. */
    static ObjectNode ofRedrive(Vendor vendor, Optional<String> functionName, Redrive.Summary summary,
            long timestampMillis) {
        ObjectNode line = NODES.objectNode();
        ArrayNode metrics = directive(line, timestampMillis, ForwarderMetrics.REDRIVE_DIMENSION_SETS, functionName);
        line.put(ForwarderMetrics.DIMENSION_VENDOR, vendor.id());
        put(line, metrics, ForwarderMetrics.REDRIVE_REDELIVERED, "Count", summary.redelivered());
        put(line, metrics, ForwarderMetrics.REDRIVE_STILL_FAILING, "Count", summary.stillFailing());
        put(line, metrics, ForwarderMetrics.INVOCATIONS_RECOVERED, "Count", summary.invocationsRecovered());
        put(line, metrics, ForwarderMetrics.INVOCATIONS_STILL_FAILING, "Count", summary.invocationsStillFailing());
        put(line, metrics, ForwarderMetrics.REDRIVE_REDELIVERED_NOT_DELETED, "Count", summary.redeliveredNotDeleted());
        put(line, metrics, ForwarderMetrics.INVOCATIONS_RECOVERED_NOT_DELETED, "Count",
                summary.invocationsRecoveredNotDeleted());
        return line;
    }

    /** The line of a Firehose transformation invocation: the records it could not transform (Firehose backs them up). */
    public static ObjectNode ofTransform(Vendor vendor, Optional<String> functionName, int recordsProcessingFailed,
            long timestampMillis) {
        ObjectNode line = NODES.objectNode();
        ArrayNode metrics = directive(line, timestampMillis, ForwarderMetrics.TRANSFORM_DIMENSION_SETS, functionName);
        line.put(ForwarderMetrics.DIMENSION_VENDOR, vendor.id());
        put(line, metrics, ForwarderMetrics.RECORDS_PROCESSING_FAILED, "Count", recordsProcessingFailed);
        return line;
    }

    private static ArrayNode directive(ObjectNode line, long timestampMillis, List<List<String>> dimensionSets,
            Optional<String> functionName) {
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", ForwarderMetrics.NAMESPACE);
        ArrayNode sets = directive.putArray("Dimensions");
        for (List<String> set : dimensionSets) {
            if (functionName.isPresent() || !set.contains(ForwarderMetrics.DIMENSION_FUNCTION)) {
                ArrayNode names = sets.addArray();
                set.forEach(names::add);
            }
        }
        functionName.ifPresent(name -> line.put(ForwarderMetrics.DIMENSION_FUNCTION, name));
        return directive.putArray("Metrics");
    }

    private static void put(ObjectNode line, ArrayNode metrics, String name, String unit, long value) {
        metrics.addObject().put("Name", name).put("Unit", unit);
        line.put(name, value);
    }
}
