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

    // §3.3 "tracestate Limits", at its edges: 512 characters go out whole; past them, entries over 128 characters go
    // first (an entry of exactly 128 is no such entry), then entries from the end, never part of one.
    @Test
    void truncationEdges() {
        String e128 = "a=" + "x".repeat(126);
        String e129 = "b=" + "y".repeat(127);
        String fill = "c=" + "z".repeat(125) + ",d=" + "u".repeat(125) + ",i=" + "t".repeat(125); // 383, no entry
        // over 128; with e128 and a comma: exactly 512
        assertThat(TraceState.forward(List.of(e128 + "," + fill))).hasSize(512).isEqualTo(e128 + "," + fill);
        // 513: the 129-character entry goes, though it comes first and the cut would otherwise take the end
        String over = e129 + "," + fill;
        assertThat(over).hasSize(513);
        assertThat(TraceState.forward(List.of(over))).isEqualTo(fill);
        // no entry over 128: the 128-character ones at the front stay, entries go from the end (a short last one too)
        String tail = "e=" + "v".repeat(126);
        String five = e128 + "," + e128.replace("a=", "f=") + "," + e128.replace("a=", "g=") + "," + tail + ",h=1";
        assertThat(five).hasSize(4 * 128 + 4 + 3);
        assertThat(TraceState.forward(List.of(five)))
                .isEqualTo(e128 + "," + e128.replace("a=", "f=") + "," + e128.replace("a=", "g=")); // h=1, then e
    }

    // §3.3: the fields of a request combine into one list before any rule applies: a key in two fields is a duplicate,
    // and 32 list-members are counted over all fields (empty ones not counted).
    @Test
    void rulesApplyToTheCombinedList() {
        assertThat(TraceState.forward(List.of("foo=1", "bar=2", "foo=3"))).isNull();
        assertThat(TraceState.forward(List.of("foo=1", ",, ,", " bar=2\t"))).isEqualTo("foo=1,bar=2");
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= 32; i++) {
            members.append(i == 1 ? "" : ",").append("k").append(i).append("=1");
        }
        assertThat(TraceState.forward(List.of(members.toString(), " , "))).isEqualTo(members.toString());
        assertThat(TraceState.forward(List.of(members.toString(), "k33=1"))).isNull();
        assertThat(TraceState.forward(List.of(" ", ""))).isNull();
    }
}
