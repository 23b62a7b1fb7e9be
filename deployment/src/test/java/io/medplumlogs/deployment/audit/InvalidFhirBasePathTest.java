package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** A FHIR base that is not an absolute path is refused at start-up, not left to match nothing. */
class InvalidFhirBasePathTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.fhir.base-paths", "/fhir/R4,fhir/R5"));

    @Test
    void startFailsNamingTheKeyAndTheEntry() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.fhir.base-paths").contains("fhir/R5");
    }
}
