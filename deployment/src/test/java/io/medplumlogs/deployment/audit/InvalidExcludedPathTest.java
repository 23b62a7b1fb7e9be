package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** An excluded path that is not absolute is refused at start-up ("Each entry must be an absolute path"). */
class InvalidExcludedPathTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.audit.excluded-paths", "/health,metrics"));

    @Test
    void startFailsNamingTheKeyAndTheEntry() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.audit.excluded-paths").contains("metrics");
    }
}
