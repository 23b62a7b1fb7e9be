package io.medplumlogs.runtime.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TraceStateTest {

    @Test
    void aHugeTracestateIsCutToTheLimitOrDropped() {
        StringBuilder valid = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            valid.append(i == 0 ? "" : ",").append("k").append(i).append('=').append("v".repeat(i % 2 == 0 ? 250 : 40));
        }
        String forwarded = TraceState.forward(List.of(valid.toString()));
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.length()).isLessThanOrEqualTo(512);
        assertThat(forwarded).startsWith("k1=").doesNotContain("k0=");

        assertThat(TraceState.forward(List.of("a=" + "x".repeat(10_000)))).isNull();
        assertThat(TraceState.forward(List.of("a=b,".repeat(2_500)))).isNull();
        assertThat(TraceState.forward(List.of("a=b\n,c=d"))).isNull();
    }
}
