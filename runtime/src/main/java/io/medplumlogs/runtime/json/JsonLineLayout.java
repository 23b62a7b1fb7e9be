package io.medplumlogs.runtime.json;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.medplumlogs.contract.LogLineFields;

/**
 * What a JSON line contains besides the record itself: field names (the contract's, or the user's
 * {@code key-overrides}), fields to leave out, constant extra fields, the size bound and the delimiter.
 *
 * @param timestamp name of the timestamp field
 * @param level name of the level field
 * @param msg name of the message field
 * @param logger name of the logger field
 * @param error name of the exception summary field
 * @param stack name of the stack trace field
 * @param excluded output field names never written
 * @param additionalFields constant fields (name to already-typed value: String, Integer or Long)
 * @param maxLineBytes bound of a line in UTF-8 bytes, delimiter not counted
 * @param delimiter written after each line
 * @param timestampFormat custom timestamp format, or {@code null} for ISO-8601 UTC with milliseconds
 */
public record JsonLineLayout(String timestamp, String level, String msg, String logger, String error, String stack,
        Set<String> excluded, Map<String, Object> additionalFields, int maxLineBytes, String delimiter,
        DateTimeFormatter timestampFormat) {

    /** The log contract's layout with the given bound. */
    public static JsonLineLayout contract(int maxLineBytes) {
        return new JsonLineLayout(LogLineFields.TIMESTAMP, LogLineFields.LEVEL, LogLineFields.MSG,
                LogLineFields.LOGGER, LogLineFields.ERROR, LogLineFields.STACK, Set.of(), Map.of(), maxLineBytes, "\n",
                null);
    }

    public JsonLineLayout withExcluded(Set<String> names) {
        return new JsonLineLayout(timestamp, level, msg, logger, error, stack, Set.copyOf(names), additionalFields,
                maxLineBytes, delimiter, timestampFormat);
    }

    public JsonLineLayout withAdditionalFields(Map<String, Object> fields) {
        return new JsonLineLayout(timestamp, level, msg, logger, error, stack, excluded,
                new LinkedHashMap<>(fields), maxLineBytes, delimiter, timestampFormat);
    }

    public JsonLineLayout withDelimiter(String newDelimiter) {
        return new JsonLineLayout(timestamp, level, msg, logger, error, stack, excluded, additionalFields,
                maxLineBytes, newDelimiter, timestampFormat);
    }

    public JsonLineLayout withTimestampFormat(String pattern, ZoneId zone) {
        return new JsonLineLayout(timestamp, level, msg, logger, error, stack, excluded, additionalFields,
                maxLineBytes, delimiter, DateTimeFormatter.ofPattern(pattern).withZone(zone));
    }

    /** Renames fields; keys are the contract's names ({@code timestamp}, {@code msg}, ...). */
    public JsonLineLayout withRenamed(Map<String, String> renames) {
        return new JsonLineLayout(renames.getOrDefault(LogLineFields.TIMESTAMP, timestamp),
                renames.getOrDefault(LogLineFields.LEVEL, level), renames.getOrDefault(LogLineFields.MSG, msg),
                renames.getOrDefault(LogLineFields.LOGGER, logger), renames.getOrDefault(LogLineFields.ERROR, error),
                renames.getOrDefault(LogLineFields.STACK, stack), excluded, additionalFields, maxLineBytes, delimiter,
                timestampFormat);
    }

    /** The name this layout writes the contract's record field {@code field} under ({@code msg}, {@code stack}, ...). */
    String nameOf(String field) {
        return switch (field) {
            case LogLineFields.TIMESTAMP -> timestamp;
            case LogLineFields.LEVEL -> level;
            case LogLineFields.MSG -> msg;
            case LogLineFields.LOGGER -> logger;
            case LogLineFields.ERROR -> error;
            case LogLineFields.STACK -> stack;
            default -> field;
        };
    }

    /** Whether an MDC or additional field of this name would collide with a field the line already has. */
    boolean isReserved(String name) {
        return name.equals(timestamp) || name.equals(level) || name.equals(msg) || name.equals(logger)
                || name.equals(error) || name.equals(stack) || name.equals(LogLineFields.TRUNCATED);
    }
}
