package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.delivery.Delivery;
import io.medplumlogs.vendors.ForwarderMetrics;
import io.medplumlogs.vendors.Vendor;
import java.util.List;

/**
 * One CloudWatch Embedded Metric Format object per subscription batch: CloudWatch turns the line into metrics when it
 * lands in the function's log group, so metrics cost no API call and no time in the invocation. Names, namespace and
 * dimension sets are {@link ForwarderMetrics}, which the generated alarms use too.
 */
final class EmbeddedMetrics {

    /** The message of the metrics line, for Logs Insights queries. */
    static final String MSG = "Forwarder metrics";
    /** EMF takes at most 100 values per metric in one object. */
    private static final int MAX_VALUES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EmbeddedMetrics() {
    }

    static ObjectNode of(Vendor vendor, String logGroup, int eventsReceived, Delivery.Summary summary,
            long timestampMillis) {
        ObjectNode line = NODES.objectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", ForwarderMetrics.NAMESPACE);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ForwarderMetrics.DIMENSION_SETS.forEach(set -> set.forEach(dimensionSets.addArray()::add));
        ArrayNode metrics = directive.putArray("Metrics");

        line.put(ForwarderMetrics.DIMENSION_VENDOR, vendor.id());
        line.put(ForwarderMetrics.DIMENSION_LOG_GROUP, logGroup);
        put(line, metrics, ForwarderMetrics.EVENTS_RECEIVED, "Count", eventsReceived);
        put(line, metrics, ForwarderMetrics.ENTRIES_DELIVERED, "Count", summary.entriesDelivered());
        put(line, metrics, ForwarderMetrics.BYTES_SENT, "Bytes", summary.bytesSent());
        put(line, metrics, ForwarderMetrics.CHUNKS_RETRIED, "Count", summary.chunksRetried());
        put(line, metrics, ForwarderMetrics.CHUNKS_DEAD_LETTERED, "Count", summary.chunksDeadLettered());
        put(line, metrics, ForwarderMetrics.ENTRIES_TRUNCATED, "Count", summary.entriesTruncated());
        List<Long> latencies = summary.vendorLatenciesMillis();
        if (!latencies.isEmpty()) {
            // a declared metric without a value would make CloudWatch reject the whole object
            metrics.addObject().put("Name", ForwarderMetrics.VENDOR_LATENCY).put("Unit", "Milliseconds");
            ArrayNode values = line.putArray(ForwarderMetrics.VENDOR_LATENCY);
            latencies.stream().limit(MAX_VALUES).forEach(values::add);
        }
        return line;
    }

    private static void put(ObjectNode line, ArrayNode metrics, String name, String unit, long value) {
        metrics.addObject().put("Name", name).put("Unit", unit);
        line.put(name, value);
    }
}
