package io.medplumlogs.runtime.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without its {@code DateTimeFormatter}: the {@code receivedAt} of every request line is
 * written with this, and the formatter's field-by-field printing showed up in the per-request profile. The text is
 * the same: UTC, seconds always, the fraction in groups of three digits as far as needed.
 */
final class IsoInstant {

    /** 10000-01-01T00:00:00Z: from here on {@code Instant} writes a sign and more year digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoInstant() {
    }

    static String of(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < 0 || second >= YEAR_10000) {
            return instant.toString(); // never for a request received now; the JDK covers the rest
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
        int nano = instant.getNano();
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(out, nano / 1_000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
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
