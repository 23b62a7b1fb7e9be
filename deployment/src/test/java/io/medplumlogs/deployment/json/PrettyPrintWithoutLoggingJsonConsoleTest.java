package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Where logging-json's own console formatter is off (dev and test by default), nothing would apply pretty-print or
 * log-format to any line: the application starts and says they are not applied (in prod they stop start-up, see
 * ConsoleJsonSettingsTest).
 */
class PrettyPrintWithoutLoggingJsonConsoleTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.json.pretty-print", "true")
            .overrideConfigKey("quarkus.log.console.json.log-format", "ecs")
            .setLogRecordPredicate(r -> r.getLoggerName().equals("io.medplumlogs"))
            .assertLogRecords(records -> assertThat(records)
                    .anySatisfy(r -> assertThat(r.getMessage()).contains("pretty-print=true", "it is not applied"))
                    .anySatisfy(r -> assertThat(r.getMessage()).contains("log-format=ecs", "it is not applied")));

    @Test
    void startsAndTheLineIsStillOneContractObject() {
        // the assertion on the warnings is above; that the app started is this test's point
    }
}
