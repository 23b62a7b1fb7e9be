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
 * The child JVM of {@link BackgroundWriterShutdownTest}: logs {@code args[0]} lines through the background writer to
 * a slow stdout (so that many are still queued), says so on stderr, and waits to be terminated.
 */
public final class ShutdownFlushMain {

    public static void main(String[] args) throws Exception {
        int lines = Integer.parseInt(args[0]);
        OutputStream slowStdout = new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(200);
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
        for (int i = 0; i < lines; i++) {
            app.info("line " + i + " " + "x".repeat(300)); // ~300 bytes: several batches still queued
        }
        System.err.println("LOGGED");
        System.err.flush();
        Thread.sleep(60_000);
    }
}
