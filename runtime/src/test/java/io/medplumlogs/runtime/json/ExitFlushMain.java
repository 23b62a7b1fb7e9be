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
 * The child JVM of {@link BackgroundWriterShutdownTest}'s System.exit case: logs {@code args[0]} lines through the
 * background writer to a slow stdout, registers a shutdown hook of the application's own that logs {@code args[1]}
 * lines, and calls {@code System.exit(0)} with lines still queued (the queue holds 256, and every write to the slow
 * stdout takes 100 ms).
 */
public final class ExitFlushMain {

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        int hookLines = Integer.parseInt(args[1]);
        OutputStream slowStdout = new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(100);
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
        Logger app = context.getLogger("app");
        // runs beside the writer's own drain hook, in no fixed order: its lines are queued or written directly
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = 0; i < hookLines; i++) {
                app.info("hook " + i);
            }
        }));
        for (int i = 0; i < lines; i++) {
            app.info("line " + i + " " + "x".repeat(300));
        }
        System.exit(0);
    }
}
