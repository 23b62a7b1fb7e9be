package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.CorrelationFields;
import io.medplumlogs.contract.LogLineFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A log message as the vendors see it: either one of our JSON log-contract lines (kept structured) or plain text. The
 * {@link CorrelationFields} survive truncation, so a cut line still lands at the right severity and next to its trace.
 *
 * @param text the message as written (or cut, with the marker)
 * @param json the parsed object, or {@code null} when the message is plain text or was truncated
 * @param correlation the correlation fields the line carries, by name, in {@link CorrelationFields#ALL} order
 */
public record LogMessage(String text, ObjectNode json, Map<String, String> correlation, boolean truncated) {

    /** Appended to a cut message so readers know the vendor shows a prefix, not the whole line. */
    public static final String TRUNCATION_MARKER = " …[truncated by medplum-logs, original %d bytes]";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static LogMessage parse(String raw) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node instanceof ObjectNode object) {
                    Map<String, String> correlation = new LinkedHashMap<>();
                    for (String field : CorrelationFields.ALL) {
                        String value = text(object, field);
                        if (value != null) {
                            correlation.put(field, value);
                        }
                    }
                    return new LogMessage(trimmed, object, Collections.unmodifiableMap(correlation), false);
                }
            } catch (IOException notJson) {
                // a line that merely looks like JSON is forwarded as the text it is
            }
        }
        return new LogMessage(stripTrailingNewline(raw), null, Map.of(), false);
    }

    public String level() {
        return correlation.get(LogLineFields.LEVEL);
    }

    public String requestId() {
        return correlation.get(LogLineFields.REQUEST_ID);
    }

    public String traceId() {
        return correlation.get(LogLineFields.TRACE_ID);
    }

    public String spanId() {
        return correlation.get(LogLineFields.SPAN_ID);
    }

    /** Adds the correlation fields this line carries to a vendor entry (or its indexed fields). */
    public void putCorrelation(ObjectNode entry) {
        correlation.forEach(entry::put);
    }

    public boolean isStructured() {
        return json != null;
    }

    public Optional<String> levelValue() {
        return Optional.ofNullable(level());
    }

    /**
     * This message as plain text of at most {@code maxBytes} UTF-8 bytes, marker included, cut on a character
     * boundary. Correlation fields are kept.
     */
    public LogMessage truncatedTo(int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String marker = String.format(TRUNCATION_MARKER, bytes.length);
        int room = Math.max(0, maxBytes - marker.getBytes(StandardCharsets.UTF_8).length);
        return new LogMessage(Utf8.prefix(text, room) + marker, null, correlation, true);
    }

    /**
     * This message as plain text (not cut yet, but marked as truncated) with each correlation field cut to at most
     * {@code maxFieldBytes} plus the marker: for a line whose correlation fields alone exceed a vendor's per-event
     * limit, so that it is still delivered instead of failing its batch.
     */
    public LogMessage withCorrelationFieldsCut(int maxFieldBytes) {
        Map<String, String> cut = new LinkedHashMap<>();
        correlation.forEach((field, value) -> cut.put(field, cut(value, maxFieldBytes)));
        return new LogMessage(text, null, Collections.unmodifiableMap(cut), true);
    }

    /** {@code value} cut to {@code maxBytes} UTF-8 bytes with the marker, or unchanged when it fits. */
    public static String cut(String value, int maxBytes) {
        if (value == null || Utf8.length(value) <= maxBytes) {
            return value;
        }
        return Utf8.prefix(value, maxBytes) + String.format(TRUNCATION_MARKER, Utf8.length(value));
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String stripTrailingNewline(String raw) {
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
            end--;
        }
        return raw.substring(0, end);
    }
}
