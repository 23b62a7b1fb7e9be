package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** logging-json's ECS field names would rename the start-up lines' fields: refused at start-up, naming it. */
class LogFormatRefusedTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.json.log-format", "ecs"));

    @Test
    void startUpNamesTheSetting() {
        assertThat(APP.messages()).contains("quarkus.log.console.json.log-format=ecs", "log contract",
                "quarkus.medplum-logs.json=false");
    }
}
