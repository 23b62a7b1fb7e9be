package io.medplumlogs.forwarder.datadog;

import java.util.Optional;

/**
 * Datadog correlates logs with traces through {@code trace_id}/{@code span_id} (OpenTelemetry hex IDs, today's docs)
 * and, for its older pipelines, {@code dd.trace_id}/{@code dd.span_id}: the unsigned decimal of the low 64 bits.
 */
final class DatadogTraceIds {

    private DatadogTraceIds() {
    }

    /**
     * The trace's id as Datadog correlates it: {@code traceId} when it is 32 (or 16) hex, else {@code otelTraceId}
     * when that is (the span's trace-id beside a caller's non-hex {@code X-Trace-Id} token), else none: a token names
     * no trace, and a {@code trace_id} made of it would point at one that cannot exist.
     */
    static String hexTraceId(String traceId, String otelTraceId) {
        if (isHex(traceId, 32) || isHex(traceId, 16)) {
            return traceId;
        }
        return isHex(otelTraceId, 32) ? otelTraceId : null;
    }

    /** Decimal low 64 bits of a 32-hex trace id (or a 16-hex id), if it is one. */
    static Optional<String> decimalTraceId(String hex) {
        if (isHex(hex, 32)) {
            return Optional.of(Long.toUnsignedString(Long.parseUnsignedLong(hex, 16, 32, 16)));
        }
        return decimalSpanId(hex);
    }

    static Optional<String> decimalSpanId(String hex) {
        if (isHex(hex, 16)) {
            return Optional.of(Long.toUnsignedString(Long.parseUnsignedLong(hex, 16)));
        }
        return Optional.empty();
    }

    /** {@code [0-9a-fA-F]{length}}, without a regex: it runs twice per forwarded line. */
    private static boolean isHex(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
