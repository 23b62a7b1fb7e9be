package io.medplumlogs.runtime.json;

import org.jboss.logmanager.Logger;

/**
 * The child JVM of {@link BackgroundWriterShutdownTest}: logs {@code args[0]} lines through the background writer to
 * a slow stdout (so that many are still queued), says so on stderr, and waits to be terminated.
 */
public final class ShutdownFlushMain {

    public static void main(String[] args) throws Exception {
        int lines = Integer.parseInt(args[0]);
        Logger app = SlowStdoutApp.start(200);
        for (int i = 0; i < lines; i++) {
            app.info("line " + i + " " + "x".repeat(300)); // ~300 bytes: several batches still queued
        }
        System.err.println("LOGGED");
        System.err.flush();
        Thread.sleep(60_000);
    }
}
