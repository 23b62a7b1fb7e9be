package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * A queue size that could hold no line is refused where JSON lines are off too (the test and dev default): accepted
 * there, it would pass every test and stop the first prod start-up.
 */
class QueueSizeWithJsonOffTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.console-writer.queue-size", "-5"));

    @Test
    void startFailsNamingTheKeyTheValueAndTheRule() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.console-writer.queue-size").contains("-5")
                .contains("at least 1");
    }
}
