package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * A line longer than 8 KiB (a stack trace, a long URL) reached stdout in several writes: the console handler's
 * encoder hands on 8 KiB at a time. What else writes to the same stdout between them (the application's
 * {@code System.out.println}, a library that prints) landed inside the line, and both became two broken lines.
 */
class LongLinesStayWholeTest {

    private static final int LINES = 300;
    private static final String BODY = "x".repeat(12_000);

    /** A queue of one write: the writer takes a line's first 8 KiB before the rest is queued, every time. */
    @Test
    void throughTheBackgroundWriter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        LogContext context = LogContext.create();
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        Logger root = context.getLogger("");
        root.addHandler(console);
        BackgroundConsole background = BackgroundConsole.install(root, List.of(console), stdout, 1);
        try {
            logBesideThePrints(root, stdout);
        } finally {
            background.close();
        }
        assertEveryLineWhole(bytes);
    }

    @Test
    void writtenDirectly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        LogContext context = LogContext.create();
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        Logger root = context.getLogger("");
        root.addHandler(console);
        ConsoleJsonInstaller.writeTo(List.of(console), stdout);

        logBesideThePrints(root, stdout);

        assertEveryLineWhole(bytes);
    }

    private static void logBesideThePrints(Logger root, PrintStream stdout) throws InterruptedException {
        Thread printer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                stdout.println("app " + i);
            }
        });
        printer.start();
        for (int i = 0; i < LINES; i++) {
            root.info("L" + i + " " + BODY);
        }
        printer.join();
        stdout.flush();
    }

    private static void assertEveryLineWhole(ByteArrayOutputStream bytes) {
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> logged = lines.stream().filter(l -> !l.matches("app \\d+")).toList();
        assertThat(logged).hasSize(LINES).allSatisfy(l -> assertThat(l).matches("L\\d+ x{12000}"));
        assertThat(lines).hasSize(LINES + 20_000);
    }
}
