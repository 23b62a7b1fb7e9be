package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logmanager.formatters.JsonFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A user who explicitly turns on logging-json's own console formatter gets it (a single console formatter, no
 * "Multiple console formatters" error) and a warning saying what that costs.
 */
class LoggingJsonExplicitlyEnabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.json.enabled", "true")
            .setLogRecordPredicate(r -> r.getLoggerName().equals("io.medplumlogs"))
            .assertLogRecords(records -> assertThat(records)
                    .anySatisfy(r -> assertThat(r.getMessage()).contains("nested under \"mdc\"")));

    @Test
    void loggingJsonFormatterIsTheOnlyOne() {
        assertThat(ConsoleLines.consoleHandler().getFormatter()).isInstanceOf(JsonFormatter.class);
    }
}
