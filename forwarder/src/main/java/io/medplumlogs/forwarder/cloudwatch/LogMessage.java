package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.CorrelationFields;
import io.medplumlogs.contract.LogLineFields;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A log message as the vendors see it: either one of our JSON log-contract lines (kept structured) or plain text, or
 * one part of a message too long for the vendor's per-event limit. The {@link CorrelationFields} are carried onto every
 * part, so each part lands at the right severity and next to its trace.
 *
 * @param text the message as written, or the part's share of it
 * @param json the parsed object, or {@code null} when the message is plain text or a part
 * @param correlation the correlation fields the line carries, by name, in {@link CorrelationFields#ALL} order
 * @param truncated whether the correlation fields were cut (each to a few hundred bytes with the marker)
 * @param part which part of a split message this is, or {@code null} for a whole message
 */
public record LogMessage(String text, ObjectNode json, Map<String, String> correlation, boolean truncated,
        EntryPart part) {

    /** Appended to a cut value so readers know the vendor shows a prefix, not the whole value. */
    public static final String TRUNCATION_MARKER = " …[truncated by medplum-logs, original %d bytes]";

    /** Decimals as written (see there). */
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    /**
     * Reads a line's nested values, refusing a repeated name in an object: a tree keeps only its last value. Jackson
     * checks the previous value its map's put returns anyway, so a line without repeats costs nothing more.
     */
    private static final ObjectReader NESTED = JSON.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int FIELDS_CAPACITY = 48;
    /** The line's free text, the bulk of its bytes: no intake reads these, each passes them on. */
    private static final Set<String> FREE_TEXT = Set.of(LogLineFields.MSG, LogLineFields.ERROR, LogLineFields.STACK);

    public static LogMessage parse(String raw) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                ObjectNode object = readObject(trimmed);
                if (object != null) {
                    Map<String, String> correlation = new LinkedHashMap<>();
                    for (String field : CorrelationFields.ALL) {
                        String value = text(object, field);
                        if (value != null) {
                            correlation.put(field, value);
                        }
                    }
                    return new LogMessage(trimmed, object, Collections.unmodifiableMap(correlation), false, null);
                }
            } catch (IOException | NumberFormatException notJson) {
                // a line that merely looks like JSON is forwarded as the text it is; so is one with a number no
                // BigDecimal holds (1e2147483648: Jackson throws NumberFormatException, not a parse error), which
                // would otherwise fail its whole batch on every retry and redrive
            }
        }
        return new LogMessage(stripTrailingNewline(raw), null, Map.of(), false, null);
    }

    /**
     * The line as a tree, as {@code readTree} makes it, except that its {@link #FREE_TEXT} strings ({@code msg},
     * {@code error}, {@code stack}) are kept as the JSON text they were written as, never decoded into a string and
     * escaped again: an entry writes them back as written, which means the same text. {@code null} when the line is not one JSON object;
     * a {@link JsonParseException} when it names a key twice in one object (at the top or nested).
     */
    private static ObjectNode readObject(String line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            // room for a line's fields and what an intake adds (Datadog: about 20 in all) without rehashing
            ObjectNode object = new ObjectNode(NODES, new LinkedHashMap<>(FIELDS_CAPACITY));
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                String raw = value == JsonToken.VALUE_STRING && FREE_TEXT.contains(name)
                        ? rawString(line, (int) parser.currentTokenLocation().getCharOffset()) : null;
                // the map's put tells whether the name came before, at no extra lookup
                JsonNode before = object.replace(name, raw != null ? NODES.rawValueNode(RawJsonText.of(raw))
                        : value(parser, value));
                if (before != null) {
                    throw new JsonParseException(parser, "a repeated name");
                }
            }
            // text after the object (a second object, words) would be dropped, and so would the first value of a repeated
            // name, here or nested: such a line is sent as the text it is
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new JsonParseException(parser, "not one JSON object");
            }
            return object;
        }
    }

    /**
     * The node {@code readTree} makes of the current value. The scalars of a line (most of its fields) are made here:
     * {@code readTree} sets up a deserialization context per call, which cost more than the value itself.
     */
    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NESTED.readTree(parser);
            };
            default -> NESTED.readTree(parser); // objects, arrays, decimals, big integers: as readTree makes them
        };
    }

    /**
     * The JSON string literal that starts at {@code quote}, quotes included (the parser checks it when it skips the
     * token); {@code null} for one that holds or escapes ({@code \\uD800}–{@code \\uDFFF}) a lone surrogate half:
     * that one is decoded, so that it is written as it always was.
     */
    private static String rawString(String line, int quote) {
        if (quote < 0 || quote >= line.length() || line.charAt(quote) != '"') {
            return null;
        }
        // indexOf is the JDK's bulk search: most of a message is neither a quote nor a backslash
        int from = quote + 1;
        int backslash = line.indexOf('\\', from);
        int end = line.indexOf('"', from);
        while (end >= 0 && backslash >= 0 && backslash < end) {
            if (backslash + 2 < line.length() && line.charAt(backslash + 1) == 'u'
                    && (line.charAt(backslash + 2) | 0x20) == 'd') {
                return null;
            }
            from = backslash + 2; // past the escaped character, which may be a quote or a backslash
            backslash = line.indexOf('\\', from);
            if (end < from) {
                end = line.indexOf('"', from);
            }
        }
        return end < 0 || !RawJsonText.isWellFormed(line, quote + 1, end) ? null : line.substring(quote, end + 1);
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

    /** The span's trace-id beside a caller's non-hex {@link #traceId} token; {@code null} otherwise. */
    public String otelTraceId() {
        return correlation.get(LogLineFields.OTEL_TRACE_ID);
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
     * One part of this message: {@code share} of its text, sent as plain text with the correlation fields kept. The
     * parts' shares, in order, are the text.
     */
    public LogMessage part(String share, EntryPart which) {
        return new LogMessage(share, null, correlation, truncated, which);
    }

    /**
     * This message as plain text, whole, marked as truncated, with each correlation field cut to at most
     * {@code maxFieldBytes} plus the marker: for a line whose correlation fields alone take most of a vendor's
     * per-event limit, so that its parts have room for its text (which still holds the fields whole).
     */
    public LogMessage withCorrelationFieldsCut(int maxFieldBytes) {
        Map<String, String> cut = new LinkedHashMap<>();
        correlation.forEach((field, value) -> cut.put(field, cut(value, maxFieldBytes)));
        return new LogMessage(text, null, Collections.unmodifiableMap(cut), true, part);
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
