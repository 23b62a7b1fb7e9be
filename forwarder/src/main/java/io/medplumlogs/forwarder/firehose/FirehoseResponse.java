package io.medplumlogs.forwarder.firehose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.Utf8;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The answer to Firehose, {@code {"records":[{"recordId","result","data"}]}}, kept within Lambda's 6 MB response limit.
 * Room for answering every record is reserved up front, so a record whose data does not fit in what is left becomes
 * {@code ProcessingFailed} (Firehose backs the original up to S3) while all later records are still answered.
 */
final class FirehoseResponse {

    /**
     * Lambda returns at most 6 MB (6,291,456 bytes) from a synchronous invocation, which is how Firehose calls a
     * transform; AWS's CloudWatch Logs processor blueprint keeps to 6,000,000 bytes for headroom, and so do we.
     */
    static final int MAX_BYTES = 6_000_000;

    static final String OK = "Ok";
    static final String DROPPED = "Dropped";
    static final String PROCESSING_FAILED = "ProcessingFailed";

    /**
     * Firehose matches answers to records by {@code recordId}, so an id must come back exactly as sent: non-ASCII is
     * written as JSON escapes, which also carry a lone surrogate that UTF-8 cannot (it would become {@code ?}).
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** {@code {"records":[]}} */
    private static final int FRAME_BYTES = 14;
    /** {@code {"recordId":"","result":""}} and the comma before the next record */
    private static final int RECORD_BYTES = 28;
    /** {@code ,"data":""} */
    private static final int DATA_BYTES = 10;

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode answers = root.putArray("records");
    private final int maxBytes;
    private final Map<String, Integer> counts = new HashMap<>();
    private long used = FRAME_BYTES;
    /** What answering the records not added yet takes at most ({@code ProcessingFailed} without data). */
    private long reserved;

    FirehoseResponse(JsonNode records, int maxBytes) {
        this.maxBytes = maxBytes;
        for (JsonNode record : records) {
            reserved += answerBytes(record.get("recordId").asText(), PROCESSING_FAILED);
        }
    }

    /**
     * Answers the next record.
     *
     * @param data the transformed data, or {@code null} for a record that is dropped or failed
     * @return the result written: {@link #OK}, {@link #DROPPED}, or {@link #PROCESSING_FAILED} (also when
     *     {@code data} does not fit)
     */
    String add(String recordId, byte[] data, boolean failed) {
        reserved -= answerBytes(recordId, PROCESSING_FAILED);
        String result = failed ? PROCESSING_FAILED : data == null ? DROPPED : OK;
        String encoded = null;
        if (result.equals(OK)) {
            long cost = answerBytes(recordId, OK) + DATA_BYTES + 4L * ((data.length + 2) / 3);
            if (used + cost + reserved <= maxBytes) {
                encoded = Base64.getEncoder().encodeToString(data);
            } else {
                result = PROCESSING_FAILED;
            }
        }
        ObjectNode answer = answers.addObject().put("recordId", recordId).put("result", result);
        if (encoded != null) {
            answer.put("data", encoded);
        }
        used += answerBytes(recordId, result) + (encoded == null ? 0 : DATA_BYTES + encoded.length());
        counts.merge(result, 1, Integer::sum);
        return result;
    }

    int count(String result) {
        return counts.getOrDefault(result, 0);
    }

    /** The response's size as {@link #toJson()} writes it (an upper bound). */
    long bytes() {
        return used;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long answerBytes(String recordId, String result) {
        try {
            // the id as JSON writes it (escapes included), without its quotes, which RECORD_BYTES counts
            return RECORD_BYTES + Utf8.length(JSON.writeValueAsString(recordId)) - 2 + result.length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
