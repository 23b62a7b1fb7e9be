package io.medplumlogs.runtime.json;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stream the console's lines are written to: the process' stdout (or stderr), as {@link System#out} writes it,
 * unless that would lose lines.
 * <p>
 * It would when stdout is a pipe (or FIFO, or terminal) in non-blocking mode ({@code O_NONBLOCK}), which a parent
 * process can leave behind on the pipe it shares with the JVM (Node.js sets it on its own stdio, and a Node.js wrapper
 * or process manager passes that pipe on): once the pipe is full, a write fails with {@code EAGAIN} instead of waiting
 * for the reader, and {@link PrintStream} swallows the error, so the rest of that write is gone (measured: 208 of 3,000
 * lines of 300 bytes arrived). The JVM cannot switch the flag back, but it can open the same pipe again through {@code
 * /proc/self/fd}: that gives a descriptor of its own, blocking, for the same pipe, so a full pipe makes the writer
 * wait, as for any slow stdout, and nothing is lost. Linux only (where containers run); elsewhere, or when the pipe
 * cannot be opened again within {@link #REOPEN_TIMEOUT_MILLIS}, {@link System#out} as before.
 */
final class Stdout {

    /** {@code O_NONBLOCK} in the {@code flags} of {@code /proc/<pid>/fdinfo/<fd>} (octal, as Linux writes it). */
    private static final int O_NONBLOCK = 04000;

    /**
     * Opening a pipe for writing waits for a reader: one that has none cannot be written anyway, but must not hold up
     * the application's start.
     */
    static final long REOPEN_TIMEOUT_MILLIS = 2000;

    private Stdout() {
    }

    /** The pipes opened again, by descriptor: one per process, however often the application starts (dev mode). */
    private static final PrintStream[] REOPENED = new PrintStream[3];

    /** @param stderr whether the console writes to stderr ({@code quarkus.log.console.stderr}) */
    static synchronized OutputStream of(boolean stderr) {
        PrintStream standard = stderr ? System.err : System.out;
        int fd = stderr ? 2 : 1;
        if (REOPENED[fd] != null) {
            return REOPENED[fd];
        }
        if (!isNonBlockingStream(fd)) {
            return standard;
        }
        OutputStream reopened = reopen(fd);
        if (reopened == null) {
            return standard;
        }
        standard.flush(); // what the JVM buffered so far goes first
        // a PrintStream, as System.out is: one write at a time (a line longer than the pipe's atomic 4 KiB must not
        // interleave with another), and a failed write (the reader gone) is dropped as System.out drops it
        REOPENED[fd] = new PrintStream(reopened, false);
        return REOPENED[fd];
    }

    private static boolean isNonBlockingStream(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (!Files.isSymbolicLink(link) || Files.isRegularFile(link) || Files.isDirectory(link)) {
                // a file never makes a write wait (and reopened, it would be written from its start); what is left
                // is a pipe or FIFO, a terminal, or a socket (which cannot be opened again: stdout as it is)
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring("flags:".length()).trim(), 8) & O_NONBLOCK) != 0;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux), or not readable: stdout as it is
        }
    }

    private static OutputStream reopen(int fd) {
        CompletableFuture<OutputStream> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(new FileOutputStream("/proc/self/fd/" + fd));
            } catch (IOException | RuntimeException e) {
                opening.complete(null);
            }
        }, "medplum-logs stdout reopen");
        opener.setDaemon(true); // stuck in open() only if the pipe has no reader: never keeps the JVM alive
        opener.start();
        try {
            return opening.get(REOPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            opening.thenAccept(Stdout::closeQuietly); // opened too late: not used, not leaked
            return null;
        }
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream != null) {
            try {
                stream.close(); // its own descriptor, not the process' stdout
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
