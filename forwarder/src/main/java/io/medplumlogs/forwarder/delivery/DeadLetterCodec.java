package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.RawJsonText;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.cloudwatch.Utf8;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
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
    /**
     * The largest entry one DLQ message always holds whole, however incompressible its text: gzip adds a few bytes per
     * block, base64 a third, and the rest of the message stays far below 16 KiB (the reason is cut to 300 characters;
     * Datadog and Splunk, the vendors whose per-event limit is above this, send no metadata headers). The parts of a
     * line above the per-event limit are never bigger, so a failed chunk's parts are stored uncut.
     */
    public static final int ENTRY_BYTES_STORED_WHOLE = 180_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterCodec() {
    }

    public static List<String> encode(Vendor vendor, Chunk chunk, String reason) {
        return encodeCounting(vendor, chunk, reason).messages();
    }

    /** {@link #encode}, also counting the entries cut here that were not cut before (for the metrics). */
    static Encoded encodeCounting(Vendor vendor, Chunk chunk, String reason) {
        List<String> messages = new ArrayList<>();
        int[] newlyCut = new int[1];
        split(vendor, chunk, 0, chunk.entries().size(), reason, messages, newlyCut);
        return new Encoded(messages, newlyCut[0]);
    }

    /** @param newlyCut entries cut to fit a message (nothing else cuts content, see ChunkBuilder) */
    record Encoded(List<String> messages, int newlyCut) {
    }

    private static void split(Vendor vendor, Chunk chunk, int from, int to, String reason, List<String> out,
            int[] newlyCut) {
        List<String> entries = chunk.entries().subList(from, to);
        String message = message(vendor, entries, chunk.metadataHeaders(), reason);
        if (fits(message)) {
            out.add(message);
            return;
        }
        if (entries.size() == 1) {
            out.add(cutToFit(vendor, entries.get(0), chunk.metadataHeaders(), reason));
            newlyCut[0]++;
            return;
        }
        int half = from + entries.size() / 2;
        split(vendor, chunk, from, half, reason, out, newlyCut);
        split(vendor, chunk, half, to, reason, out, newlyCut);
    }

    private static boolean fits(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length <= ForwarderContract.DLQ_MAX_MESSAGE_BYTES;
    }

    /**
     * One entry that even gzipped does not fit an SQS message (incompressible text near the vendor's 1 MB per-event
     * limit): its longest string value is cut, with the truncation marker, until the message fits. Storing a prefix
     * beats failing the invocation, which would make Lambda retry (and duplicate) the whole batch. If the bulk is not
     * in one value (several long fields, an array, thousands of keys), the entry's small top-level fields are kept and
     * the rest becomes one text field, cut the same way: the message then always fits.
     */
    private static String cutToFit(Vendor vendor, String entry, Map<String, String> headers, String reason) {
        ObjectNode node = object(entry);
        Longest longest = longest(node, null, null, null);
        String field = longest == null ? null : longest.field();
        int originalBytes = longest == null ? 0 : Utf8.length(longest.value());
        Cut cut = longest == null ? null : cut(longest.value(), value -> {
            longest.set(value);
            return message(vendor, List.of(node.toString()), headers, reason);
        });
        if (cut == null || !fits(cut.message())) {
            ObjectNode kept = JSON.createObjectNode();
            ObjectNode rest = JSON.createObjectNode();
            String textField = vendor == Vendor.SPLUNK ? "event" : "message";
            // the whole entry again, not the failed cut
            object(entry).fields().forEachRemaining(e -> {
                boolean small = e.getValue().isValueNode()
                        && e.getKey().length() + e.getValue().toString().length() <= SMALL_FIELD_BYTES;
                if (small && kept.size() < MAX_KEPT_FIELDS && !e.getKey().equals(textField)) {
                    kept.set(e.getKey(), e.getValue());
                } else {
                    rest.set(e.getKey(), e.getValue());
                }
            });
            String restText = rest.toString();
            field = textField;
            originalBytes = Utf8.length(restText);
            cut = cut(restText, value -> {
                kept.put(textField, value);
                return message(vendor, List.of(kept.toString()), headers, reason);
            });
        }
        ForwarderLog.warn("Log entry too big for one DLQ message even gzipped; stored with its longest value cut",
                "vendor", vendor.id(), "field", field, "originalBytes", originalBytes, "keptBytes", cut.keptBytes());
        return cut.message();
    }

    private static ObjectNode object(String entry) {
        try {
            return (ObjectNode) JSON.readTree(entry);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a vendor entry is not a JSON object", e);
        }
    }

    /** Top-level values kept as they are by the last resort of {@link #cutToFit}: IDs, times, levels. */
    private static final int SMALL_FIELD_BYTES = 256;
    private static final int MAX_KEPT_FIELDS = 32;

    private record Cut(String message, int keptBytes) {
    }

    /** Cuts {@code original} (with the marker) until {@code messageWith} of it fits, or to nothing. */
    private static Cut cut(String original, java.util.function.Function<String, String> messageWith) {
        int keep = Utf8.length(original);
        String message = messageWith.apply(original);
        for (int round = 0; !fits(message) && keep > 0; round++) {
            long size = message.getBytes(StandardCharsets.UTF_8).length;
            long overshoot = size - ForwarderContract.DLQ_MAX_MESSAGE_BYTES;
            // the message is roughly proportional to the value (gzip, then base64); aim a little below the limit
            keep = round < 6 ? (int) Math.max(0, keep - overshoot * keep / size - 4096) : keep / 2;
            message = messageWith.apply(LogMessage.cut(original, keep));
        }
        return new Cut(message, keep);
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
        node.put("reason", wholeText(reason));
        ObjectNode headerNode = node.putObject("headers");
        headers.forEach(headerNode::put);
        node.put("count", entries.size());
        node.put("entries", Base64.getEncoder().encodeToString(VendorSender.gzip(Framing.LINES, entries)));
        return node.toString();
    }

    /**
     * {@code text} with each unpaired surrogate half, and U+FFFE/U+FFFF, as U+FFFD: characters SQS does not take in
     * a message body. A DLQ message must be text both ends encode alike:
     * with a lone half in it, the SDK's and the queue's checksums of the body disagree, the SDK retries the send,
     * and the queue keeps every attempt, so the chunk would later be redriven several times.
     */
    static String wholeText(String text) {
        if (text == null || RawJsonText.isWellFormed(text, 0, text.length()) && text.indexOf('\uFFFE') < 0
                && text.indexOf('\uFFFF') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                // SQS takes neither half a pair nor the two noncharacters U+FFFE/U+FFFF (the JSON writer leaves those
                // raw; control characters it escapes)
                out.append(Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' ? '\uFFFD' : c);
            }
        }
        return out.toString();
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
                // a chunk is a few MB at most: anything larger is not ours, and must not exhaust the memory
                byte[] bytes = in.readNBytes(SubscriptionEventDecoder.MAX_DECOMPRESSED_BYTES + 1);
                if (bytes.length > SubscriptionEventDecoder.MAX_DECOMPRESSED_BYTES) {
                    throw new MalformedEventException("dead-letter message's entries decompress to more than "
                            + SubscriptionEventDecoder.MAX_DECOMPRESSED_BYTES + " bytes");
                }
                joined = new String(bytes, StandardCharsets.UTF_8);
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
