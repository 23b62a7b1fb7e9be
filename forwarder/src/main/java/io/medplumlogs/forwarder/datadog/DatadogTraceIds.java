package io.medplumlogs.forwarder.datadog;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Datadog correlates logs with traces through {@code trace_id}/{@code span_id} (OpenTelemetry hex IDs, today's docs)
 * and, for its older pipelines, {@code dd.trace_id}/{@code dd.span_id}: the unsigned decimal of the low 64 bits.
 */
final class DatadogTraceIds {

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern HEX_16 = Pattern.compile("[0-9a-fA-F]{16}");

    private DatadogTraceIds() {
    }

    /** Decimal low 64 bits of a 32-hex trace id (or a 16-hex id), if it is one. */
    static Optional<String> decimalTraceId(String hex) {
        if (hex != null && HEX_32.matcher(hex).matches()) {
            return Optional.of(Long.toUnsignedString(Long.parseUnsignedLong(hex.substring(16), 16)));
        }
        return decimalSpanId(hex);
    }

    static Optional<String> decimalSpanId(String hex) {
        if (hex != null && HEX_16.matcher(hex).matches()) {
            return Optional.of(Long.toUnsignedString(Long.parseUnsignedLong(hex, 16)));
        }
        return Optional.empty();
    }
}
