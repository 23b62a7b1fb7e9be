package io.medplumlogs.deployment.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Formatter;
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
 * Quarkus installed on the console handler. Tests therefore see the real line, MDC and all.
 */
public final class ConsoleLines extends Handler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();
    private final Formatter formatter;

    private ConsoleLines(Formatter formatter) {
        this.formatter = formatter;
    }

    /** Starts capturing; call {@link #close()} when done. */
    public static ConsoleLines capture() {
        ConsoleLines capture = new ConsoleLines(consoleHandler().getFormatter());
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
        String line = formatter.format(ext);
        synchronized (lines) {
            lines.add(line);
        }
    }

    /** Every captured line, as printed (delimiter included). */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Captured lines parsed as JSON; fails the test if any line is not exactly one JSON object plus newline. */
    public List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines()) {
            if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
                throw new AssertionError("not one line: " + line);
            }
            try {
                nodes.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return nodes;
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

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
