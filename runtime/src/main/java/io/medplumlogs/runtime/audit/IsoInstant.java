package io.medplumlogs.runtime.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The {@code receivedAt} of a request line in the contract's shape, the one {@code timestamp} has: UTC, milliseconds
 * always, {@code Z} ({@code 2025-01-01T10:00:00.000Z}). Not {@link Instant#toString()}: it drops a zero fraction and
 * writes 3, 6 or 9 digits, so its texts neither sort as their times do nor fit a fixed-pattern parser. Written without
 * a {@code DateTimeFormatter}, whose field-by-field printing showed up in the per-request profile.
 */
final class IsoInstant {

    /** 10000-01-01T00:00:00Z: from here on {@code Instant} writes a sign and more year digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoInstant() {
    }

    /**
     * The text up to the seconds ({@code 2025-01-01T10:00:00.}) of the last second written: requests of one second
     * share it, so a line pays for its milliseconds only. Racy by design: a reader sees a whole {@link Second} or an
     * older one, never a torn one (final fields).
     */
    private static Second last = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String prefix) {
    }

    /** @param epochMillis as {@link System#currentTimeMillis()} gives it (no {@code Instant} made per request) */
    static String of(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second < 0 || second >= YEAR_10000) {
            return Instant.ofEpochMilli(epochMillis).toString(); // never for a request received now
        }
        Second known = last;
        if (known.epochSecond() != second) {
            known = new Second(second, prefix(second));
            last = known;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        char[] tail = { (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10),
                'Z' };
        return known.prefix().concat(new String(tail));
    }

    private static String prefix(long second) {
        LocalDate date = LocalDate.ofEpochDay(second / 86_400);
        int ofDay = (int) (second % 86_400);
        StringBuilder out = new StringBuilder(30);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, ofDay / 3600, 2).append(':');
        digits(out, ofDay / 60 % 60, 2).append(':');
        digits(out, ofDay % 60, 2);
        return out.append('.').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
