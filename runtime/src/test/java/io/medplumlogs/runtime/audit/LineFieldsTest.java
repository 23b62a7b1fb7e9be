package io.medplumlogs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The readable form of a line's fields (dev, test, any pattern-formatted handler such as a file) is written by a
 * pattern that escapes nothing: a value a client chose must not break the line or forge another one.
 */
class LineFieldsTest {

    @Test
    void controlCharactersAndLineSeparatorsInValuesBecomeQuestionMarks() {
        String forged = "probe/1\r\n2026-12-05 INFO [io.medplumlogs.audit] Request served user=admin";
        LineFields fields = new LineFields("Request served")
                .put("ua", forged)
                .put("path", "/a\u0085b\u2028c\u2029d\u0000e\u007f")
                .put("status", 200)
                .flag("conditional", true);

        String readable = fields.toString();

        assertThat(readable).doesNotContain("\r", "\n", "\u0085", "\u2028", "\u2029", "\u0000", "\u007f")
                .isEqualTo("ua=probe/1??2026-12-05 INFO [io.medplumlogs.audit] Request served user=admin"
                        + " path=/a?b?c?d?e? status=200 conditional=true");
    }

    @Test
    void nullStringsAndFalseFlagsAreLeftOut() {
        LineFields fields = new LineFields("Login failed").put("user", (String) null).flag("conditional", false)
                .put("outcome", "failure");

        assertThat(fields.toString()).isEqualTo("outcome=failure");
        assertThat(fields.asMap()).containsOnlyKeys("outcome");
        assertThat(fields.readableArguments()).containsExactly("Login failed", fields);
    }

    @Test
    void fieldsKeepTheOrderAddedAndANameGivenTwiceKeepsItsPlaceWithTheLastValue() {
        LineFields fields = new LineFields("Request served").put("method", "GET").put("status", 200)
                .put("path", "/a").put("status", 404);
        for (int i = 0; i < 20; i++) { // more than the arrays start with
            fields.put("extra" + i, i);
        }

        assertThat(fields.asMap().keySet()).startsWith("method", "status", "path", "extra0").hasSize(23);
        assertThat(fields.asMap()).containsEntry("status", 404L).containsEntry("extra19", 19L)
                .doesNotContainKey("user");
        assertThat(fields.asMap().get("nope")).isNull();
        assertThat(fields.toString()).startsWith("method=GET status=404 path=/a extra0=0");
    }
}
