package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/** A background writer that could hold no line is refused at start-up, naming the key. */
class ConsoleWriterQueueSizeValidationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.console-writer.queue-size", "0")
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("quarkus.medplum-logs.console-writer.queue-size")
                    .hasStackTraceContaining("at least 1"));

    @Test
    void startFails() {
        // the assertion is on the start-up failure above
    }
}
