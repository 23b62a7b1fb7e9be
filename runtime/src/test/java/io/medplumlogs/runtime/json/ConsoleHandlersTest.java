package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Handler;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/** The console handler is found however Quarkus wrapped it, so the JSON line and the readable pattern reach it. */
class ConsoleHandlersTest {

    @Test
    void plainAsyncAndAnonymousWrappersAreSeenThrough() {
        ConsoleHandler plain = new ConsoleHandler();
        ConsoleHandler behindAsync = new ConsoleHandler();
        AsyncHandler async = new AsyncHandler();
        async.addHandler(behindAsync);
        ConsoleHandler behindColour = new ConsoleHandler();
        Handler delegate = behindColour;
        // the shape of Quarkus' dev-mode colour wrapper: an anonymous ExtHandler holding the console in a field
        ExtHandler colour = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                delegate.publish(record);
            }
        };

        assertThat(ConsoleHandlers.find(new Handler[] { plain, async, colour }))
                .containsExactly(plain, behindAsync, behindColour);
    }
}
