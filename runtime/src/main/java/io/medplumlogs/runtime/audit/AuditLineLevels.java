package io.medplumlogs.runtime.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.AsyncHandler.OverflowAction;

import io.medplumlogs.runtime.json.ConsoleHandlers;
import io.medplumlogs.runtime.security.LoginAttemptLogger;
import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Keeps log settings from silently dropping audit and login lines. Both are written at {@code INFO}
 * ({@code Login failed} at {@code WARN}); settings chosen to quieten an application ({@code quarkus.log.level=WARN},
 * {@code quarkus.log.console.level=WARN}) would otherwise take the audit trail with them, with nothing to show it is
 * gone. The extension therefore sets both categories to {@code INFO} by default (so the root level does not reach
 * them), and at start-up, once Quarkus has applied the log configuration:
 * <ul>
 * <li>refuses to start when the lines are on but a setting keeps them from every handler that writes: the
 * category's level or minimum level, {@code use-parent-handlers=false} without handlers, or handler levels above
 * {@code INFO} on every path to a writing handler, or an async handler set to {@code overflow=discard} (which drops
 * records whenever its queue is full) on every path that takes them. The lines are turned off with their own switch,
 * not as a side effect;</li>
 * <li>warns (on the category itself, so the warning travels where the lines go) when some writing handlers take
 * every line and others, such as the console, take none or may drop some.</li>
 * </ul>
 * Not covered: log filters and levels changed at run time (Dev UI, JMX).
 */
public final class AuditLineLevels {

    /** The level both categories get by default, whatever the root level is. */
    public static final Level LINE_LEVEL = Level.INFO;

    /** The logger categories of audit and login lines. */
    public static final List<String> CATEGORIES = List.of(RequestAudit.LOGGER, LoginAttemptLogger.LOGGER);

    /**
     * Handlers that write no lines anyone reads: Quarkus' dev/test exception reporting, its test framework's in-memory
     * record capture (so that tests see what production would), and ours (the background writer's ERROR flush, which
     * only waits).
     */
    private static final List<String> NON_WRITING_PREFIXES = List.of("io.quarkus.runtime.logging.LoggingSetupRecorder$",
            "io.quarkus.test.", "io.medplumlogs.");
    private static final int MAX_DEPTH = 6;

    private AuditLineLevels() {
    }

    /**
     * @param requestServed whether {@code Request served} lines are on
     * @param loginLines whether {@code Login succeeded / failed} lines are on (Quarkus security present and on)
     * @throws ConfigurationException when a setting keeps lines out that are on
     */
    public static void check(boolean requestServed, boolean loginLines) {
        if (requestServed) {
            check(Logger.getLogger(RequestAudit.LOGGER), "Request served", "quarkus.medplum-logs.audit.enabled");
        }
        if (loginLines) {
            check(Logger.getLogger(LoginAttemptLogger.LOGGER), "Login succeeded",
                    "quarkus.medplum-logs.login.enabled");
        }
    }

    private static void check(Logger logger, String line, String onOffKey) {
        for (String warning : problems(logger, line, onOffKey)) {
            logger.warning(warning);
        }
    }

    /**
     * @return warnings about handlers that do not take the lines, or may drop some, while others take every one
     * @throws ConfigurationException when no handler that writes takes every line
     */
    static List<String> problems(Logger logger, String line, String onOffKey) {
        String off = ", or turn these lines off with " + onOffKey + "=false";
        String category = logger.getName();
        if (!logger.isLoggable(LINE_LEVEL)) {
            throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but logger " + category
                    + " is at " + effectiveLevel(logger) + ", so none would be written: set quarkus.log.category.\""
                    + category + "\".level to " + LINE_LEVEL + " or lower (and any min-level that raises it:"
                    + " quarkus.log.min-level, or quarkus.log.category.\"<this category or a parent>\".min-level)"
                    + off);
        }
        List<Sink> sinks = new ArrayList<>();
        Logger cutOff = null;
        for (Logger l = logger; l != null; l = l.getParent()) {
            for (Handler handler : l.getHandlers()) {
                collect(handler, true, false, sinks, 0);
            }
            if (!l.getUseParentHandlers()) {
                cutOff = l;
                break;
            }
        }
        if (sinks.isEmpty()) {
            throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but no log handler writes"
                    + " the records of " + category + (cutOff == null ? " (no handler is enabled)"
                            : " (quarkus.log.category.\"" + cutOff.getName() + "\".use-parent-handlers=false and no"
                                    + " handlers of its own)")
                    + ", so none would be written: give it a handler" + off);
        }
        List<Sink> refusing = sinks.stream().filter(s -> !s.takesLines()).toList();
        if (refusing.size() == sinks.size()) {
            throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but every log handler"
                    + " that writes them is above " + LINE_LEVEL + " (" + describe(refusing) + "), so none would be"
                    + " written: set quarkus.log.console.level (or the level of the handler that should carry them)"
                    + " to " + LINE_LEVEL + " or lower" + off);
        }
        List<Sink> discarding = sinks.stream().filter(s -> s.takesLines() && s.discards()).toList();
        if (refusing.size() + discarding.size() == sinks.size()) {
            throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but every log handler"
                    + " that takes them sits behind an async handler set to overflow=discard (" + describe(discarding)
                    + "), which drops records whenever its queue is full, so lines would go missing under load:"
                    + " set quarkus.log.console.async.overflow=block (or the async overflow of the handler that should"
                    + " carry them, e.g. quarkus.log.file.async.overflow)" + off);
        }
        List<String> warnings = new ArrayList<>();
        if (!refusing.isEmpty()) {
            warnings.add("'" + line + "' lines (" + LINE_LEVEL + ") are not written by " + describe(refusing)
                    + ", whose level is above " + LINE_LEVEL + "; they reach only the other handlers");
        }
        if (!discarding.isEmpty()) {
            warnings.add("'" + line + "' lines (" + LINE_LEVEL + ") may be dropped by " + describe(discarding)
                    + ", behind an async handler set to overflow=discard, when its queue is full; the other"
                    + " handlers keep every one");
        }
        return warnings;
    }

    /**
     * A handler that writes, whether INFO records of the category get through to it, and whether an async handler
     * on the way may drop them ({@code overflow=discard}).
     */
    private record Sink(Handler handler, boolean takesLines, boolean discards) {
        @Override
        public String toString() {
            String name = handler.getClass().getSimpleName().isEmpty() ? handler.getClass().getName()
                    : handler.getClass().getSimpleName();
            return name + " (level " + (handler.getLevel() == null ? "ALL" : handler.getLevel().getName()) + ")";
        }
    }

    private static void collect(Handler handler, boolean pathTakesLines, boolean pathDiscards, List<Sink> sinks,
            int depth) {
        if (depth > MAX_DEPTH || handler instanceof ExtHandler ext && !ext.isEnabled()) {
            return;
        }
        Level level = handler.getLevel();
        boolean takes = pathTakesLines && (level == null || level.intValue() <= LINE_LEVEL.intValue());
        boolean discards = pathDiscards
                || handler instanceof AsyncHandler async && async.getOverflowAction() == OverflowAction.DISCARD;
        Handler[] children = ConsoleHandlers.children(handler);
        if (children.length > 0) {
            for (Handler child : children) {
                collect(child, takes, discards, sinks, depth + 1);
            }
        } else if (writes(handler)) {
            sinks.add(new Sink(handler, takes, discards));
        }
    }

    private static boolean writes(Handler handler) {
        String name = handler.getClass().getName();
        // Quarkus' delayed root handler with nothing configured under it writes nothing
        return NON_WRITING_PREFIXES.stream().noneMatch(name::startsWith)
                && handler != InitialConfigurator.DELAYED_HANDLER;
    }

    private static String describe(List<Sink> sinks) {
        return String.join(", ", sinks.stream().map(Sink::toString).toList());
    }

    private static String effectiveLevel(Logger logger) {
        for (Logger l = logger; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel().getName();
            }
        }
        return "a level above " + LINE_LEVEL;
    }
}
