package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.cloudwatch.Utf8;
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
 * several messages of whole entries; each is redriven on its own. A single entry that does not fit one message is
 * stored with its longest value cut and marked.
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
        if (fits(message)) {
            out.add(message);
            return;
        }
        if (entries.size() == 1) {
            out.add(cutToFit(vendor, entries.get(0), headers, reason));
            return;
        }
        int half = entries.size() / 2;
        split(vendor, entries.subList(0, half), headers, reason, out);
        split(vendor, entries.subList(half, entries.size()), headers, reason, out);
    }

    private static boolean fits(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length <= ForwarderContract.DLQ_MAX_MESSAGE_BYTES;
    }

    /**
     * One entry that even gzipped does not fit an SQS message (incompressible text near the vendor's 1 MB per-event
     * limit): its longest string value is cut, with the truncation marker, until the message fits. Storing a prefix
     * beats failing the invocation, which would make Lambda retry (and duplicate) the whole batch.
     */
    private static String cutToFit(Vendor vendor, String entry, Map<String, String> headers, String reason) {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(entry);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a vendor entry is not a JSON object", e);
        }
        Longest longest = longest(node, null, null, null);
        if (longest == null) {
            return message(vendor, List.of(entry), headers, reason);
        }
        String original = longest.value();
        int originalBytes = Utf8.length(original);
        int keep = originalBytes;
        String message = message(vendor, List.of(entry), headers, reason);
        for (int round = 0; !fits(message) && keep > 0; round++) {
            long size = message.getBytes(StandardCharsets.UTF_8).length;
            long overshoot = size - ForwarderContract.DLQ_MAX_MESSAGE_BYTES;
            // the message is roughly proportional to the value (gzip, then base64); aim a little below the limit
            keep = round < 6 ? (int) Math.max(0, keep - overshoot * keep / size - 4096) : keep / 2;
            longest.set(LogMessage.cut(original, keep));
            message = message(vendor, List.of(node.toString()), headers, reason);
        }
        ForwarderLog.warn("Log entry too big for one DLQ message even gzipped; stored with its longest value cut",
                "vendor", vendor.id(), "field", longest.field(), "originalBytes", originalBytes, "keptBytes", keep);
        return message;
    }

    /** The longest string value anywhere in {@code node}, with a way to replace it. */
    private static Longest longest(JsonNode node, ObjectNode parent, String field, Longest best) {
        if (node.isTextual() && parent != null && (best == null || node.asText().length() > best.value().length())) {
            return new Longest(parent, field, node.asText());
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                best = longest(e.getValue(), (ObjectNode) node, e.getKey(), best);
            }
        }
        return best;
    }

    private record Longest(ObjectNode parent, String field, String value) {
        void set(String cut) {
            parent.put(field, cut);
        }
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
