package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.jboss.logmanager.handlers.AsyncHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.runtime.json.ConsoleHandlers;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An async console that blocks on overflow (Quarkus' default) loses nothing: the application starts, and the
 * console under the async handler writes the JSON line.
 */
class AsyncConsoleThatBlocksTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.async.enabled", "true");

    @Test
    void startsAndTheConsoleUnderTheAsyncHandlerWritesTheJsonLine() {
        assertThat(Arrays.stream(InitialConfigurator.DELAYED_HANDLER.getHandlers()))
                .anySatisfy(h -> assertThat(h).isInstanceOf(AsyncHandler.class));
        assertThat(ConsoleHandlers.installed()).singleElement()
                .satisfies(console -> assertThat(console.getFormatter()).isInstanceOf(JsonLineFormatter.class));
    }
}
