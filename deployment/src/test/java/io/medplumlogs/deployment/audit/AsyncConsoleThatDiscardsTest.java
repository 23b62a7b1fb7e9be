package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * An async console set to discard on overflow, a common tweak for throughput, drops records whenever its queue is
 * full, audit lines among them, with nothing to show for it: refused at start-up when the console is the only
 * handler that writes them, naming the setting.
 */
class AsyncConsoleThatDiscardsTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.async.enabled", "true")
            .overrideConfigKey("quarkus.log.console.async.overflow", "discard"));

    @Test
    void startUpNamesTheOverflowSettingAndTheSwitch() {
        assertThat(APP.messages()).contains("overflow=discard", "ConsoleHandler",
                "quarkus.log.console.async.overflow=block", "quarkus.medplum-logs.audit.enabled=false");
    }
}
