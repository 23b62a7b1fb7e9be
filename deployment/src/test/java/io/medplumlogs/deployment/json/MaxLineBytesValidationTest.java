package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

class MaxLineBytesValidationTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.max-line-bytes", "100"));

    @Test
    void startFailsNamingTheKeyTheValueAndTheRange() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.max-line-bytes").contains("100")
                .contains("between 1024 and 1048576 (CloudWatch's event size limit)");
    }
}
