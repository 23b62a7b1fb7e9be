package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * {@code json}, read as an optional on/off (unset means "by profile"), refuses a typo as the other on/off keys do,
 * rather than writing readable lines in prod for {@code json=ture}.
 */
class JsonSwitchTypoTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.json", "ture"));

    @Test
    void startFailsNamingTheKeyTheValueAndTheAllowedValues() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.json").contains("ture")
                .contains("true or false");
    }
}
