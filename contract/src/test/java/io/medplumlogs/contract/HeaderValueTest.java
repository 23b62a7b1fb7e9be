package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValueTest {

    @Test
    void printableAsciiIsAHeaderValue() {
        assertThat(HeaderValue.problem("prod/fhir api, team=a:b ~!")).isEmpty();
    }

    @Test
    void lineBreakIsNamedWithItsPositionButTheValueIsNotQuoted() {
        assertThat(HeaderValue.problem("prod\r\nX-Evil: 1")).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("contains a line break (CR/LF) at character 5; an HTTP header value must be one line of"
                        + " printable ASCII")
                .doesNotContain("prod").doesNotContain("Evil"));
    }

    @Test
    void otherControlAndNonAsciiCharactersAreRejected() {
        assertThat(HeaderValue.problem("a\tb")).hasValueSatisfying(p -> assertThat(p).contains("a control character"));
        assertThat(HeaderValue.problem("a\u0000")).hasValueSatisfying(p -> assertThat(p).contains("control character"));
        assertThat(HeaderValue.problem("café")).hasValueSatisfying(p -> assertThat(p)
                .contains("a non-ASCII character at character 4"));
    }

    @Test
    void everyVendorSettingUsesTheRule() {
        for (Vendor vendor : Vendor.values()) {
            for (Setting setting : vendor.settings()) {
                // key=value: also a valid Sumo Logic fields value; Splunk's event size is a number as well
                assertThat(setting.problem(setting.environmentVariable().equals(SettingNames.SPLUNK_MAX_EVENT_BYTES)
                        ? "10000" : "ok=value")).isEmpty();
                assertThat(setting.problem("x\ny")).isPresent();
            }
        }
    }
}
