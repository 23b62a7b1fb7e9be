package io.medplumlogs.runtime.json;

import java.io.OutputStream;
import java.util.List;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The background writer put in place: the console handler(s) keep formatting on the logging thread (level, filters
 * and formatter stay as Quarkus and the user set them) but hand their bytes to one {@link BackgroundOutput}.
 * <p>
 * Two things keep "nothing lost": a handler after the console on the root logger makes every ERROR (and FATAL)
 * record's {@code log} call wait until that line and everything before it is written, and both Quarkus' shutdown
 * (normal stop, SIGTERM) and a JVM shutdown hook (any other exit) drain the queue.
 */
public final class BackgroundConsole implements AutoCloseable {

    private final BackgroundOutput output;
    private final Logger root;
    private final ErrorFlush errorFlush;
    private final Thread drainOnExit;

    private BackgroundConsole(BackgroundOutput output, Logger root) {
        this.output = output;
        this.root = root;
        this.errorFlush = new ErrorFlush(output);
        this.drainOnExit = new Thread(output::close, "medplum-logs console drain");
    }

    /**
     * @param root the root logger the console handlers serve
     * @param consoles the console handlers whose lines go through the writer
     * @param target the stream they wrote to (stdout, or stderr with {@code quarkus.log.console.stderr})
     * @param queueSize how many lines may wait before logging threads block
     */
    public static BackgroundConsole install(Logger root, List<ConsoleHandler> consoles, OutputStream target,
            int queueSize) {
        BackgroundConsole background = new BackgroundConsole(new BackgroundOutput(target, queueSize), root);
        // each record's line as one entry of the queue, so one write: see LineAtOnceWriter
        ConsoleJsonInstaller.writeTo(consoles, background.output);
        // appended after Quarkus' handler on the root logger, so it runs once the console has queued the line
        root.addHandler(background.errorFlush);
        Runtime.getRuntime().addShutdownHook(background.drainOnExit);
        return background;
    }

    /** Drains the queue; the console keeps working, writing each line directly. */
    @Override
    public void close() {
        output.close();
        root.removeHandler(errorFlush);
        try {
            Runtime.getRuntime().removeShutdownHook(drainOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook drains (again, harmlessly)
        }
    }

    /** Lets an ERROR record's caller continue only once its line is out. */
    private static final class ErrorFlush extends ExtHandler {
        private final BackgroundOutput output;

        ErrorFlush(BackgroundOutput output) {
            this.output = output;
            setLevel(Level.ERROR);
        }

        @Override
        protected void doPublish(ExtLogRecord record) {
            output.awaitWritten();
        }
    }
}
