package io.medplumlogs.runtime.json;

import java.util.List;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/** A log context of its own with a console handler, as Quarkus sets one up, behind the background writer. */
final class ConsoleUnderTest implements AutoCloseable {

    final GatedOutput stdout = new GatedOutput();
    final LogContext context = LogContext.create();
    final BackgroundConsole background;

    ConsoleUnderTest(int queueSize) {
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        Logger root = context.getLogger("");
        root.addHandler(console);
        background = BackgroundConsole.install(root, List.of(console), stdout, queueSize);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    @Override
    public void close() {
        stdout.release();
        background.close();
    }
}
