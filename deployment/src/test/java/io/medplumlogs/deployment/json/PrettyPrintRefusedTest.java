package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * logging-json's pretty-print would spread the start-up lines it formats over several lines each (CloudWatch splits
 * them into fragments): refused at start-up, naming the setting, rather than half applied.
 */
class PrettyPrintRefusedTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.json.pretty-print", "true"));

    @Test
    void startUpNamesTheSetting() {
        assertThat(APP.messages()).contains("quarkus.log.console.json.pretty-print=true", "remove it",
                "quarkus.medplum-logs.json=false");
    }
}
