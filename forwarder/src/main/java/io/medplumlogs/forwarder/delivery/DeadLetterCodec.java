package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.vendors.ForwarderContract;
import io.medplumlogs.vendors.Vendor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A failed chunk as DLQ messages: JSON with the vendor, the reason, the metadata headers and the entries as base64 of
 * gzip of newline-joined lines (every entry is one line of JSON). A chunk bigger than an SQS message is split into
 * several messages of whole entries; each is redriven on its own.
 *
 * <pre>{"medplumLogs":"dead-letter","version":1,"vendor":"datadog","reason":"…","headers":{…},"count":3,"entries":"H4sI…"}</pre>
 */
public final class DeadLetterCodec {

    static final String KIND = "dead-letter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterCodec() {
    }

    public static List<String> encode(Vendor vendor, Chunk chunk, String reason) {
        List<String> messages = new ArrayList<>();
        split(vendor, chunk.entries(), chunk.metadataHeaders(), reason, messages);
        return messages;
    }

    private static void split(Vendor vendor, List<String> entries, Map<String, String> headers, String reason,
            List<String> out) {
        String message = message(vendor, entries, headers, reason);
        if (entries.size() == 1 || message.getBytes(StandardCharsets.UTF_8).length <= ForwarderContract.DLQ_MAX_MESSAGE_BYTES) {
            // a single entry too big for one SQS message is still sent: SQS refuses it, the invocation fails and
            // Lambda's own retry/on-failure handling takes over instead of a silent loss
            out.add(message);
            return;
        }
        int half = entries.size() / 2;
        split(vendor, entries.subList(0, half), headers, reason, out);
        split(vendor, entries.subList(half, entries.size()), headers, reason, out);
    }

    private static String message(Vendor vendor, List<String> entries, Map<String, String> headers, String reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("medplumLogs", KIND);
        node.put("version", 1);
        node.put("vendor", vendor.id());
        node.put("reason", reason);
        ObjectNode headerNode = node.putObject("headers");
        headers.forEach(headerNode::put);
        node.put("count", entries.size());
        node.put("entries", Base64.getEncoder().encodeToString(VendorSender.gzip(Framing.LINES, entries)));
        return node.toString();
    }

    /** The vendor and chunk in a DLQ message written by {@link #encode}. */
    public static Decoded decode(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (!KIND.equals(node.path("medplumLogs").asText())) {
                throw new MalformedEventException("not a medplum-logs dead-letter message");
            }
            Vendor vendor = Vendor.fromId(node.path("vendor").asText())
                    .orElseThrow(() -> new MalformedEventException("dead-letter message names no known vendor"));
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            byte[] gzipped = Base64.getDecoder().decode(node.path("entries").asText());
            String joined;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
                joined = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Decoded(vendor, new Chunk(List.of(joined.split("\n", -1)), headers));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable dead-letter message", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("dead-letter message has bad base64 entries", e);
        }
    }

    public record Decoded(Vendor vendor, Chunk chunk) {
    }
}
