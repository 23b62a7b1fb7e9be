package io.medplumlogs.runtime.correlation;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace-ID rules of the log contract, as pure functions over header values. A value that fails a rule is never
 * returned in any form: callers only ever see validated, normalised IDs.
 */
public final class TraceIds {

    /** Longer header values are not even looked at; no valid form comes close. */
    private static final int MAX_HEADER_LENGTH = 256;
    private static final int TRACEPARENT_V00_LENGTH = 55;

    private TraceIds() {
    }

    /**
     * The trace-id of a W3C {@code traceparent}: {@code 00-<32 hex>-<16 hex>-<2 hex>}, lowercase, neither ID all
     * zeros, version not {@code ff}. Future versions are accepted when their first 55 characters have the v00 shape
     * and what follows starts with {@code -}, as the W3C spec asks.
     *
     * @return the 32-hex trace-id, or {@code null} when the value is not valid
     */
    public static String fromTraceparent(String value) {
        if (value == null || value.length() < TRACEPARENT_V00_LENGTH || value.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        if (!isLowerHex(value, 0, 2) || value.startsWith("ff")) {
            return null;
        }
        boolean v00 = value.startsWith("00");
        if (v00 ? value.length() != TRACEPARENT_V00_LENGTH
                : value.length() > TRACEPARENT_V00_LENGTH && value.charAt(TRACEPARENT_V00_LENGTH) != '-') {
            return null;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        if (!isLowerHex(value, 3, 35) || !isLowerHex(value, 36, 52) || !isLowerHex(value, 53, 55)) {
            return null;
        }
        if (isAllZeros(value, 3, 35) || isAllZeros(value, 36, 52)) {
            return null;
        }
        return value.substring(3, 35);
    }

    /**
     * The parent span-id of a {@code traceparent} already accepted by {@link #fromTraceparent(String)}.
     */
    public static String parentIdOfTraceparent(String validTraceparent) {
        return validTraceparent.substring(36, 52);
    }

    /** Whether the sampled flag of an accepted {@code traceparent} is set. */
    public static boolean sampledOfTraceparent(String validTraceparent) {
        return (Character.digit(validTraceparent.charAt(54), 16) & 1) == 1;
    }

    /**
     * An {@code X-Trace-Id}: a UUID (any case) becomes 32 lowercase hex without dashes; 32 hex is lowercased; any
     * other value is kept verbatim only if it matches {@code ^[A-Za-z0-9.-]{1,64}$}. All-zero hex IDs are rejected.
     *
     * @return the normalised ID, or {@code null} when the value is not valid
     */
    public static String fromXTraceId(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return null;
        }
        if (value.length() == 36 && isUuid(value)) {
            String hex = (value.substring(0, 8) + value.substring(9, 13) + value.substring(14, 18)
                    + value.substring(19, 23) + value.substring(24, 36)).toLowerCase(Locale.ROOT);
            return isAllZeros(hex, 0, 32) ? null : hex;
        }
        if (value.length() == 32 && isHex(value, 0, 32)) {
            return isAllZeros(value, 0, 32) ? null : value.toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-';
            if (!ok) {
                return null;
            }
        }
        return value;
    }

    /**
     * The root of an {@code X-Amzn-Trace-Id} ({@code Root=1-<8 hex>-<24 hex>}, among other {@code ;}-separated
     * fields such as {@code Self}, {@code Parent}, {@code Sampled}) as the 32 hex digits concatenated.
     *
     * @return the 32-hex ID, or {@code null} when there is no valid root
     */
    public static String fromXAmznTraceId(String value) {
        // a comma joins the values of a header sent more than once (RFC 9110): ambiguous like two headers
        if (value == null || value.length() > MAX_HEADER_LENGTH || value.indexOf(',') >= 0) {
            return null;
        }
        String root = null;
        int start = 0;
        while (start <= value.length()) {
            int end = value.indexOf(';', start);
            if (end < 0) {
                end = value.length();
            }
            // only optional whitespace (space, tab) around a field: String.trim() would also drop NUL, CR, LF and
            // the other control characters, taking a root from a field that is no "Root=1-<8 hex>-<24 hex>"
            String field = TraceState.trimOws(value, start, end);
            if (field.startsWith("Root=")) {
                if (root != null) {
                    return null; // two roots: ambiguous, trust neither
                }
                root = field.substring(5);
            }
            start = end + 1;
        }
        if (root == null || root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-'
                || !isHex(root, 2, 10) || !isHex(root, 11, 35)) {
            return null;
        }
        String hex = (root.substring(2, 10) + root.substring(11, 35)).toLowerCase(Locale.ROOT);
        return isAllZeros(hex, 0, 32) ? null : hex;
    }

    /** A new random 32-hex trace ID (never all zeros). */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        char[] hex = new char[32];
        writeHex(high, hex, 0);
        writeHex(low, hex, 16);
        return new String(hex);
    }

    /** A new random 16-hex span ID (never all zeros). */
    public static String generateSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        char[] hex = new char[16];
        writeHex(id, hex, 0);
        return new String(hex);
    }

    /** Whether an ID is 32 lowercase hex digits, i.e. usable as a W3C/OpenTelemetry trace-id. */
    public static boolean isW3cTraceId(String id) {
        return id != null && id.length() == 32 && isLowerHex(id, 0, 32) && !isAllZeros(id, 0, 32);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The 16 lowercase hex digits of {@code value}, zero-padded, at {@code at}. */
    private static void writeHex(long value, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }


    private static boolean isUuid(String v) {
        return v.charAt(8) == '-' && v.charAt(13) == '-' && v.charAt(18) == '-' && v.charAt(23) == '-'
                && isHex(v, 0, 8) && isHex(v, 9, 13) && isHex(v, 14, 18) && isHex(v, 19, 23) && isHex(v, 24, 36);
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
