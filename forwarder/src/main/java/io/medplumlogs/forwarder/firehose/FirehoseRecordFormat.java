package io.medplumlogs.forwarder.firehose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.delivery.Chunk;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * The data of one transformed Firehose record: what the vendor's Firehose destination takes, built from the entries the
 * forwarder's own intake encodes (one vendor model: the same fields, parts of a split line and correlation IDs as the
 * Lambda path). One record in is one record out, so a record carries all entries of its CloudWatch Logs batch, the
 * parts of a line above the vendor's per-event limit each as an entry of their own.
 *
 * <ul>
 * <li>Datadog (HTTP endpoint {@code aws-kinesis-http-intake.logs.<site>/v1/input}): the record keeps the shape
 * CloudWatch Logs gives Firehose, a gzipped subscription payload, which is what that endpoint takes from CloudWatch
 * Logs; each {@code logEvents[].message} is the forwarder's Datadog entry as JSON text, which Datadog parses into
 * attributes. Staying gzipped also keeps the record far below Firehose's 6 MB response limit.
 * <li>Splunk (native destination, HEC endpoint type {@code Event}): the HEC event objects, one per line, as Splunk's
 * CloudWatch Logs processor blueprint for Firehose writes them (Firehose concatenates records without a separator, so
 * every object ends with a newline).
 * <li>Sumo Logic (HTTP endpoint, AWS Kinesis Firehose for Logs source): one JSON record per line, as the HTTP source
 * takes them. Firehose cannot send per-record headers, so the {@code X-Sumo-Fields} of the Lambda path (log group,
 * stream, account, a mapped group's service and tags) are keys of each line, where the line has none of that name
 * ({@link SumoLogicFirehoseIntake} adds them as it encodes, so that entries are sized with them).
 * </ul>
 */
enum FirehoseRecordFormat {

    DATADOG {
        @Override
        byte[] data(SubscriptionEvent source, List<Chunk> chunks, LongUnaryOperator timeToSend) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("messageType", source.messageType());
            payload.put("owner", source.owner());
            payload.put("logGroup", source.logGroup());
            payload.put("logStream", source.logStream());
            ArrayNode filters = payload.putArray("subscriptionFilters");
            source.subscriptionFilters().forEach(filters::add);
            ArrayNode events = payload.putArray("logEvents");
            // a log event split to the per-event limit is one logEvents element per part, each with its own id
            // (partId) and the event's time: the part fields in its message say which part of which event it is. A
            // time older than Datadog keeps becomes the current one, as the message's is re-stamped: whether the
            // intake dates a log by the element or by the message is Datadog's and not documented, so neither may
            // carry a time it drops
            int next = 0;
            int part = 1;
            Long time = null;
            for (Chunk chunk : chunks) {
                List<String> entries = chunk.entries();
                for (int i = 0; i < entries.size(); i++) {
                    LogEvent event = source.logEvents().get(next);
                    // once per event, so that its parts all carry the same time
                    time = time == null ? timeToSend.applyAsLong(event.timestamp()) : time;
                    events.addObject().put("id", partId(event.id(), part)).put("timestamp", time)
                            .put("message", entries.get(i));
                    if (chunk.continues(i)) {
                        part++;
                    } else {
                        next++;
                        part = 1;
                        time = null;
                    }
                }
            }
            return gzip(payload.toString().getBytes(StandardCharsets.UTF_8));
        }
    },

    SPLUNK {
        @Override
        byte[] data(SubscriptionEvent source, List<Chunk> chunks, LongUnaryOperator timeToSend) {
            return lines(entries(chunks));
        }
    },

    /** The records' fields are keys of each entry already ({@link SumoLogicFirehoseIntake}). */
    SUMOLOGIC {
        @Override
        byte[] data(SubscriptionEvent source, List<Chunk> chunks, LongUnaryOperator timeToSend) {
            return lines(entries(chunks));
        }
    };

    static FirehoseRecordFormat of(Vendor vendor) {
        return switch (vendor) {
            case DATADOG -> DATADOG;
            case SPLUNK -> SPLUNK;
            case SUMOLOGIC -> SUMOLOGIC;
        };
    }

    /**
     * The record's data, before base64; {@code chunks} hold one entry per log event, or its parts when it was split
     * to the vendor's per-event limit, in order; {@code timeToSend} gives a CloudWatch event's time as the vendor may
     * get it outside the entries (the current time for one older than it keeps).
     */
    abstract byte[] data(SubscriptionEvent source, List<Chunk> chunks, LongUnaryOperator timeToSend);

    /**
     * The logEvents id of part {@code part} of an event: CloudWatch gives every element of a payload its own id, and
     * an intake keyed on it (one that drops Firehose's redelivered records as duplicates) would keep one part of a
     * split line only if all carried the event's. The first part (and a line sent whole) keeps the event's id; part k
     * has the event's id followed by the digits of k: a decimal string as CloudWatch's ids are, the same on every
     * transformation of the record, and longer than CloudWatch's ids (56 digits), so never another event's.
     * {@code partOf} in the message keeps the event's id. An event without an id (not CloudWatch's) keeps none.
     */
    static String partId(String eventId, int part) {
        return part == 1 || eventId == null || eventId.isEmpty() ? eventId : eventId + part;
    }

    private static List<String> entries(List<Chunk> chunks) {
        List<String> entries = new ArrayList<>();
        chunks.forEach(chunk -> entries.addAll(chunk.entries()));
        return entries;
    }

    private static byte[] lines(List<String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
