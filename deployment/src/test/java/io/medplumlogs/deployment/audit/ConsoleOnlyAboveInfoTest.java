package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * The usual way to quieten an application, a console level of WARN, would drop every audit line when the console is
 * the only handler that writes (as in a container that logs to stdout): refused at start-up, naming the setting.
 */
class ConsoleOnlyAboveInfoTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.level", "WARN"));

    @Test
    void startUpNamesTheConsoleLevelAndTheSwitch() {
        assertThat(APP.messages()).contains("every log handler that writes them is above INFO",
                "ConsoleHandler (level WARN)", "quarkus.log.console.level", "quarkus.medplum-logs.audit.enabled=false");
    }
}
