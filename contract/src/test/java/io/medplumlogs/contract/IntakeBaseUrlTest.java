package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IntakeBaseUrlTest {

    @Test
    void schemeHostAndPortWithOrWithoutTheSlashAreABaseUrl() {
        assertThat(IntakeBaseUrl.problem(URI.create("https://http-inputs-acme.splunkcloud.com"))).isEmpty();
        assertThat(IntakeBaseUrl.problem(URI.create("https://hec.example.com:8088/"))).isEmpty();
    }

    @Test
    void aPathQueryFragmentOrUserInfoIsNot() {
        for (String url : new String[] {"https://h/services/collector", "https://h/services/collector/event",
                "https://h/splunk", "https://h//", "https://h/?channel=x", "https://h?channel=x", "https://h#hec",
                "https://u:p@h"}) {
            assertThat(IntakeBaseUrl.problem(URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void theProblemNeverQuotesTheUrl() {
        assertThat(IntakeBaseUrl.problem(URI.create("https://alice:hunter2@h/x?token=abc"))).hasValueSatisfying(p ->
                assertThat(p).doesNotContain("hunter2").doesNotContain("abc").doesNotContain("alice"));
    }
}
