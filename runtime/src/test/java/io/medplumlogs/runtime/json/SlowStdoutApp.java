package io.medplumlogs.runtime.json;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * What the child JVMs of {@link BackgroundWriterShutdownTest} share: an application logger whose lines go through
 * the background writer (a queue of 256) to a stdout where every write takes {@code writeMillis}, so that many lines
 * are still queued when the JVM is told to stop.
 */
final class SlowStdoutApp {

    private SlowStdoutApp() {
    }

    /** @return the application's logger ({@code app}) */
    static Logger start(long writeMillis) {
        OutputStream slowStdout = new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(writeMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(b, off, len);
            }
        };
        LogContext context = LogContext.create();
        Logger root = context.getLogger("");
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        root.addHandler(console);
        BackgroundConsole.install(root, List.of(console), slowStdout, 256);
        return context.getLogger("app");
    }
}
