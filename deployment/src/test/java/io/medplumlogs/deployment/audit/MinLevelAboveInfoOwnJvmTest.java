package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * A build-time minimum level above INFO removes audit lines as surely as a level does: refused the same way. Runs in a
 * JVM of its own (see the deployment pom): the minimum level outlives the application in the JVM.
 */
class MinLevelAboveInfoOwnJvmTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.min-level", "WARN"));

    @Test
    void startUpNamesMinLevelAndTheSwitch() {
        // the category is at INFO by default: only the minimum level can have raised it to WARN
        assertThat(APP.messages()).contains("logger io.medplumlogs.audit is at WARN", "quarkus.log.min-level",
                "quarkus.medplum-logs.audit.enabled=false");
    }
}
