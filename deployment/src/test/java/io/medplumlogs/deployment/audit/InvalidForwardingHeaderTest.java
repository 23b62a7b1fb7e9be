package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

class InvalidForwardingHeaderTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.forwarding-header", "x_forwarded"));

    @Test
    void startFailsNamingTheKeyTheValueAndTheAllowedValues() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.forwarding-header").contains("x_forwarded")
                .contains("prefer-forwarded, forwarded, x-forwarded-for");
    }
}
