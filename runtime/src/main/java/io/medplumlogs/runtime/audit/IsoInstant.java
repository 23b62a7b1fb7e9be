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

    /** @param epochMillis as {@link System#currentTimeMillis()} gives it (no {@code Instant} made per request) */
    static String of(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second < 0 || second >= YEAR_10000) {
            return Instant.ofEpochMilli(epochMillis).toString(); // never for a request received now
        }
        LocalDate date = LocalDate.ofEpochDay(second / 86_400);
        int ofDay = (int) (second % 86_400);
        StringBuilder out = new StringBuilder(30);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, ofDay / 3600, 2).append(':');
        digits(out, ofDay / 60 % 60, 2).append(':');
        digits(out, ofDay % 60, 2);
        out.append('.');
        digits(out, (int) Math.floorMod(epochMillis, 1000), 3);
        return out.append('Z').toString();
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
