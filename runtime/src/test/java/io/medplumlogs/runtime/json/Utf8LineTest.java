package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8LineTest {

    /** The ASCII shortcut and the JDK's encoder give the same bytes, wherever in the line the first other char is. */
    @Test
    void givesWhatTheJdksEncoderGives() {
        String[] lines = { "{\"msg\":\"plain\"}\n", "", "\u007f\n", "M\u00fcller\n", "\u65e5\u672c\n", "\ud83d\ude00x\n",
                "lone \ud800 high\n", "lone \udc00 low\n", "x".repeat(9000) + "\u00e9\n", "\u0000\u0001\n" };
        for (String line : lines) {
            char[] padded = ("ab" + line + "cd").toCharArray();
            assertThat(Utf8Line.of(padded, 2, line.length())).as(line)
                    .isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        }
    }
}
