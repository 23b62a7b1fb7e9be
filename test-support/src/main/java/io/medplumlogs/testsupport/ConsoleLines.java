package io.medplumlogs.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/**
 * Captures what the console would print: every record is formatted, on the logging thread, by the very formatter
 * Quarkus installed on the console handler when the record is published (a dev-mode reload during a capture installs
 * another one). Tests therefore see the real line, MDC and all.
 */
public final class ConsoleLines extends Handler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Set once an awaited audit line never came: later waits are short, so a missing feature costs seconds, not minutes. */
    private static volatile boolean auditLineWentMissing;

    private final List<String> lines = new ArrayList<>();
    private final List<String> ownLines = new ArrayList<>();
    /** The thread whose lines are kept apart in {@link #allLines()}, or {@code null}. */
    private final Thread owner;

    private ConsoleLines(Thread owner) {
        this.owner = owner;
    }

    /** Starts capturing every thread's lines; call {@link #close()} when done. */
    public static ConsoleLines capture() {
        return start(null);
    }

    /**
     * Starts capturing; lines logged by the calling thread itself (the test, a client it drives) are kept apart from
     * {@link #lines()}: they are not written while serving a request. Call {@link #close()} when done.
     */
    public static ConsoleLines captureOtherThreads() {
        return start(Thread.currentThread());
    }

    private static ConsoleLines start(Thread owner) {
        ConsoleLines capture = new ConsoleLines(owner);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public static Handler consoleHandler() {
        return Arrays.stream(InitialConfigurator.DELAYED_HANDLER.getHandlers())
                .filter(h -> h instanceof ConsoleHandler)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no console handler installed"));
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = record instanceof ExtLogRecord e ? e : ExtLogRecord.wrap(record);
        String line = consoleHandler().getFormatter().format(ext);
        List<String> target = Thread.currentThread() == owner ? ownLines : lines;
        synchronized (this) {
            target.add(line);
        }
    }

    /** Every captured line (with {@link #captureOtherThreads()}: of the other threads), as printed, delimiter included. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every captured line, the capturing thread's included. */
    public synchronized List<String> allLines() {
        List<String> all = new ArrayList<>(lines);
        all.addAll(ownLines);
        return all;
    }

    /** {@link #lines()} parsed as JSON; fails the test if any line is not exactly one JSON object plus newline. */
    public List<JsonNode> json() {
        return lines().stream().map(ConsoleLines::parse).toList();
    }

    /** JSON lines whose {@code msg} satisfies the predicate. */
    public List<JsonNode> json(Predicate<String> msg) {
        return json().stream().filter(n -> n.has("msg") && msg.test(n.get("msg").asText())).toList();
    }

    /**
     * Waits (up to 10 s) until {@code count} JSON lines match: audit lines are written when the response has
     * completed, which can be just after the client saw it.
     */
    public List<JsonNode> await(Predicate<String> msg, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<JsonNode> found = json(msg);
        while (found.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = json(msg);
        }
        return found;
    }

    /**
     * Waits (at most {@code timeout}) until a line satisfying {@code line} was captured, and returns whether one was.
     * Audit lines are written when the response completes, which may be after the client has read it.
     */
    public boolean await(Predicate<JsonNode> line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (json().stream().anyMatch(line)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Waits for the {@code Request served} line of a request (see {@link #await(Predicate, Duration)}). */
    public boolean awaitRequestServed(String requestId) {
        Duration timeout = auditLineWentMissing ? Duration.ofMillis(200) : Duration.ofSeconds(5);
        boolean arrived = await(l -> "Request served".equals(l.path("msg").asText())
                && requestId != null && requestId.equals(l.path("requestId").asText()), timeout);
        if (!arrived) {
            auditLineWentMissing = true;
        }
        return arrived;
    }

    /** One printed line as JSON; fails the test unless it is exactly one JSON object plus newline. */
    public static JsonNode parse(String line) {
        if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
            throw new AssertionError("not one line: " + line);
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
