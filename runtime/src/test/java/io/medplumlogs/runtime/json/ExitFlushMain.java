package io.medplumlogs.runtime.json;

import org.jboss.logmanager.Logger;

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
        Logger app = SlowStdoutApp.start(100);
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
