package io.medplumlogs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A request line's receivedAt has the contract's shape, the timestamp's: UTC, milliseconds always, {@code Z}. Fixed
 * width on purpose: {@link Instant#toString()} drops a zero fraction and writes 3, 6 or 9 digits, so its texts do
 * not sort as their times do ({@code 10:00:00Z} after {@code 10:00:00.5Z}) and a fixed-pattern parser fails on some.
 */
class IsoInstantTest {

    private static final DateTimeFormatter CONTRACT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void millisecondsAlwaysAsTheContractWritesTimestamps() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-12-04T17:20:04Z"),
                Instant.parse("2026-12-04T17:20:04.100Z"), Instant.parse("2026-12-04T17:20:04.116200Z"),
                Instant.parse("2026-12-04T17:20:04.000000001Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("2000-01-01T00:00:00.010Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.now()));
        Random random = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            instants.add(Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_800L) / (1 + random.nextInt(3)),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    }));
        }
        for (Instant instant : instants) {
            String text = IsoInstant.of(instant.toEpochMilli());
            assertThat(text).as("%s", instant).isEqualTo(CONTRACT.format(instant)).hasSize(24);
            assertThat(Instant.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void consecutiveRequestsAroundASecondsEdge() {
        // milliseconds and the seconds' edge, forwards and back (requests of several threads finish out of order)
        long second = Instant.parse("2026-12-04T17:20:04Z").toEpochMilli();
        assertThat(IsoInstant.of(second + 5)).isEqualTo("2026-12-04T17:20:04.005Z");
        assertThat(IsoInstant.of(second + 999)).isEqualTo("2026-12-04T17:20:04.999Z");
        assertThat(IsoInstant.of(second + 1000)).isEqualTo("2026-12-04T17:20:05.000Z");
        assertThat(IsoInstant.of(second - 1)).isEqualTo("2026-12-04T17:20:03.999Z");
        assertThat(IsoInstant.of(second)).isEqualTo("2026-12-04T17:20:04.000Z");
    }

    @Test
    void textsSortAsTheirTimes() {
        Instant whole = Instant.parse("2026-12-04T17:20:04Z");
        Instant later = whole.plusNanos(500_000_000);

        assertThat(IsoInstant.of(whole.toEpochMilli())).isLessThan(IsoInstant.of(later.toEpochMilli()));
    }

    @Test
    void outsideTheFourDigitYearsTheJdksText() {
        for (Instant instant : List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z"))) {
            assertThat(IsoInstant.of(instant.toEpochMilli())).isEqualTo(instant.toString());
        }
    }
}
