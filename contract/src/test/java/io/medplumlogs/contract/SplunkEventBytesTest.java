package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplunkEventBytesTest {

    @Test
    void takesSplunksDefaultTruncateUpToOneHecRequest() {
        assertThat(SplunkEventBytes.problem("10000")).isEmpty();
        assertThat(SplunkEventBytes.problem("4096")).isEmpty();
        assertThat(SplunkEventBytes.problem("1000000")).isEmpty();
        assertThat(SplunkEventBytes.parse(" 250000 ")).isEqualTo(250_000);
    }

    @Test
    void refusesWhatIsNoNumberOfBytesOrOutsideTheRangeWithoutQuotingIt() {
        for (String bad : new String[] {"0", "4095", "1000001", "99999999", "10k", "1e5", "-10000", "10 000", ""}) {
            assertThat(SplunkEventBytes.problem(bad)).as(bad)
                    .hasValueSatisfying(problem -> assertThat(problem).startsWith("must be").contains("TRUNCATE"));
        }
        assertThat(SplunkEventBytes.problem("secret-10k")).hasValueSatisfying(p -> assertThat(p).doesNotContain("secret"));
    }
}
