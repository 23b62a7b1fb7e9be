package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * A mistyped on/off value is refused, not read as {@code false}: {@code redact-non-fhir-queries=ture} meant "keep
 * redacting" and would have written every non-FHIR query value as sent.
 */
class RedactionSwitchTypoTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.audit.redact-non-fhir-queries", "ture"));

    @Test
    void startFailsNamingTheKeyTheValueAndTheAllowedValues() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.audit.redact-non-fhir-queries").contains("ture")
                .contains("true or false");
    }
}
