package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** An allow-list entry that is not a plain parameter name is refused at start-up (log-contract.adoc). */
class InvalidAllowedParameterTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.fhir.allowed-parameters", "_count,name=x"));

    @Test
    void startFailsNamingTheKeyAndTheEntry() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.fhir.allowed-parameters").contains("name=x");
    }
}
