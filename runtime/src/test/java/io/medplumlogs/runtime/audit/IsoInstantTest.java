package io.medplumlogs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A request line's receivedAt reads exactly as {@link Instant#toString()} would write it. */
class IsoInstantTest {

    @Test
    void sameTextAsInstantToString() {
        List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2026-12-04T17:20:04Z"),
                Instant.parse("2026-12-04T17:20:04.100Z"), Instant.parse("2026-12-04T17:20:04.116200Z"),
                Instant.parse("2026-12-04T17:20:04.000000001Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("2000-01-01T00:00:00.010Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z"), Instant.now());
        for (Instant instant : instants) {
            assertThat(IsoInstant.of(instant)).isEqualTo(instant.toString());
        }
        Random random = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 253_402_300_800L / (1 + random.nextInt(3)),
                    switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(IsoInstant.of(instant)).isEqualTo(instant.toString());
        }
    }
}
