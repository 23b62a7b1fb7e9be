package io.medplumlogs.forwarder.firehose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Firehose's side of the transform, for tests: the data-transformation event Firehose sends (CloudWatch Logs puts each
 * subscription batch gzipped into one record), invoking the handler, and reading the answer back.
 */
final class FirehoseEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event = JSON.createObjectNode();
    private final ArrayNode records;

    FirehoseEvents() {
        event.put("invocationId", "00540a87-5050-496a-84e4-e7d92bbaf5e2");
        event.put("deliveryStreamArn", "arn:aws:firehose:us-east-1:123456789012:deliverystream/medplum-logs");
        event.put("region", "us-east-1");
        records = event.putArray("records");
    }

    /** A record as CloudWatch Logs puts it: the subscription payload, gzipped. */
    FirehoseEvents record(String recordId, SubscriptionEvents batch) {
        return recordData(recordId, Base64.getEncoder().encodeToString(gzip(batch.decodedJson())));
    }

    FirehoseEvents recordData(String recordId, String base64Data) {
        records.addObject().put("recordId", recordId).put("approximateArrivalTimestamp", 1_700_000_000_000L)
                .put("data", base64Data);
        return this;
    }

    byte[] bytes() {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Invokes the handler and returns its response's {@code records}. */
    static JsonNode invoke(FirehoseTransformHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(300_000));
            JsonNode response = JSON.readTree(out.toByteArray());
            return response.get("records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] data(JsonNode answer) {
        return Base64.getDecoder().decode(answer.get("data").asText());
    }

    /** What Datadog's Firehose endpoint reads from one record: a gzipped CloudWatch Logs payload. */
    static JsonNode gunzipJson(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What HEC's event endpoint reads from concatenated records: a stream of JSON objects. */
    static List<JsonNode> jsonObjects(String concatenated) {
        List<JsonNode> objects = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(concatenated);
                MappingIterator<JsonNode> it = JSON.readValues(parser, JsonNode.class)) {
            it.forEachRemaining(objects::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static byte[] gzip(String text) {
        return SubscriptionEvents.gzip(text);
    }
}
