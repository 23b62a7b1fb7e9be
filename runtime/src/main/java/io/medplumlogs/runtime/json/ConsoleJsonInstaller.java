package io.medplumlogs.runtime.json;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.ColorPatternFormatter;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.medplumlogs.runtime.config.UserSettings;


/**
 * Puts the JSON line on the console handler Quarkus configured (level, filters, async, stderr stay the user's).
 * <p>
 * Why not a {@code LogConsoleFormatBuildItem} of our own: with {@code quarkus-logging-json} present there would be
 * two, and Quarkus 3.33 reports "Multiple console formatters were activated" whenever another item follows an
 * active one in its list, even an inactive one, in an order no extension controls. So Quarkus installs
 * logging-json's formatter (prod) or its pattern (dev, test), which also formats the records buffered before
 * logging was set up, and right after that this class replaces it with ours, built from logging-json's own
 * {@code quarkus.log.console.json.*} settings. The readable
 * pattern is installed the same way: a config default for {@code quarkus.log.console.format} would compete with
 * other extensions' defaults for the same key.
 */
public final class ConsoleJsonInstaller {

    private ConsoleJsonInstaller() {
    }

    /**
     * The readable line for dev and test (and whenever JSON is off): Quarkus' default pattern plus both IDs.
     */
    public static final String READABLE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) "
            + "[%X{requestId}|%X{traceId}] %s%e%n";

    /**
     * Shows both IDs in the readable console line, unless the user chose their own
     * {@code quarkus.log.console.format}. Keeps colours when Quarkus chose them.
     */
    public static void installReadablePattern() {
        if (UserSettings.isSet("quarkus.log.console.format")) {
            return; // theirs wins
        }
        for (ConsoleHandler console : ConsoleHandlers.installed()) {
            console.setFormatter(console.getFormatter() instanceof ColorPatternFormatter
                    ? new ColorPatternFormatter(READABLE_PATTERN)
                    : new PatternFormatter(READABLE_PATTERN));
        }
    }

    /** @return how many console handlers now write JSON lines */
    public static int install(JsonLineFormatter formatter, Consumer<String> warnings) {
        int installed = 0;
        for (ConsoleHandler console : ConsoleHandlers.installed()) {
            writeJson(console, formatter);
            installed++;
        }
        // A console configured by name for a category (quarkus.log.handler.console."AUDIT" for the audit lines,
        // use-parent-handlers=false) writes to stdout too: it writes the same line, else its lines, audit lines
        // among them, reach stdout as pattern text without IDs that no query of the contract finds. It keeps its own
        // stream (not the background writer): the root's ERROR flush does not see its records. One whose records
        // also reach the root's console is left as it is: as JSON too, every line would be counted twice.
        for (ConsoleHandler console : ConsoleHandlers.named(category -> warnings.accept("quarkus.log.category.\""
                + category + "\" has a console handler of its own and also passes its records to the root's console"
                + " (use-parent-handlers=true): its lines reach the console twice, and only the root's copy is the"
                + " JSON line; set quarkus.log.category.\"" + category + "\".use-parent-handlers=false"))) {
            writeJson(console, formatter);
            installed++;
        }
        if (installed == 0) {
            warnings.accept("quarkus.medplum-logs.json is on but no console handler is installed"
                    + " (quarkus.log.console.enabled=false?): no JSON lines are written to stdout");
        }
        return installed;
    }

    /**
     * A JSON line is UTF-8 (RFC 8259; CloudWatch Logs reads UTF-8), whatever charset the console got from the
     * platform: a JVM 17 without a locale (no {@code LANG}, as in many container images) gives it ASCII, and every
     * other character, a patient's "Zoë" among them, would reach stdout as '?', beyond repair.
     */
    private static void writeJson(ConsoleHandler console, JsonLineFormatter formatter) {
        console.setFormatter(formatter);
        console.setCharset(StandardCharsets.UTF_8);
    }

    /**
     * Hands the console's bytes to a background writer (see {@link BackgroundConsole}).
     *
     * @param stderr whether the console writes to stderr ({@code quarkus.log.console.stderr})
     * @return the writer to close on shutdown, or {@code null} when no console handler is installed
     */
    public static BackgroundConsole installBackgroundWriter(boolean stderr, int queueSize) {
        List<ConsoleHandler> consoles = ConsoleHandlers.installed();
        return consoles.isEmpty() ? null
                : BackgroundConsole.install(Logger.getLogger(""), consoles, Stdout.of(stderr), queueSize);
    }

    /**
     * Without the background writer: lets the console write to stdout such that a full non-blocking pipe makes it
     * wait rather than lose lines ({@link Stdout}), each line in one write.
     *
     * @param stderr whether the console writes to stderr ({@code quarkus.log.console.stderr})
     */
    public static void installDirectWriter(boolean stderr) {
        writeTo(ConsoleHandlers.installed(), Stdout.of(stderr));
    }

    /** Each record's line in one write ({@link LineAtOnceWriter}), so that nothing else on stdout lands inside it. */
    static void writeTo(List<ConsoleHandler> consoles, OutputStream stdout) {
        for (ConsoleHandler console : consoles) {
            console.setWriter(new LineAtOnceWriter(stdout));
        }
    }
}
