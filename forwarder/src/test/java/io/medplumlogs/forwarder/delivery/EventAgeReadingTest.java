package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcut for the log contract's timestamp agrees with the general ISO-8601 reading on every text of that length
 * and separators: valid times, impossible dates (Feb 30, hour 24, second 60), non-digits; other shapes go to the
 * general reading.
 */
class EventAgeReadingTest {

    @Test
    void theContractsShapeIsReadAsTheGeneralReadingReadsIt() {
        Random random = new Random(17);
        String digitsAndMore = "0123456789012345678901234567890123456789x ";
        for (int n = 0; n < 200_000; n++) {
            String text;
            if (n % 2 == 0) {
                long millis = Math.floorMod(random.nextLong(), 253_402_300_800_000L);
                text = Instant.ofEpochMilli(millis).toString();
                if (text.length() == 20) {
                    text = text.substring(0, 19) + ".000Z";
                } else if (text.length() != 24) {
                    continue;
                }
            } else {
                char[] shape = "2026-01-02T03:04:05.678Z".toCharArray();
                for (int i : new int[] { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22 }) {
                    if (random.nextInt(3) == 0) {
                        shape[i] = digitsAndMore.charAt(random.nextInt(digitsAndMore.length()));
                    }
                }
                text = new String(shape);
            }
            Instant shortcut = EventAge.contractShaped(text);
            Optional<Instant> general = EventAge.isoLike(text);
            assertThat(Optional.ofNullable(shortcut)).as(text).isEqualTo(general);
        }
        assertThat(EventAge.contractShaped("2026-02-30T00:00:00.000Z")).isNull();
        assertThat(EventAge.contractShaped("2026-01-02T24:00:00.000Z")).isNull();
        assertThat(EventAge.contractShaped("2026-01-02t03:04:05.678z")).isNull(); // left to the general reading
        assertThat(EventAge.isoLike("2026-01-02t03:04:05.678z")).contains(Instant.parse("2026-01-02T03:04:05.678Z"));
    }
}
