package io.medplumlogs.runtime.audit;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.handlers.ConsoleHandler;

import io.medplumlogs.runtime.json.ConsoleJsonInstaller;
import io.medplumlogs.runtime.security.LoginAttemptLogger;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Keeps a log level from silently dropping audit and login lines. Both are written at {@code INFO}
 * ({@code Login failed} at {@code WARN}); a level chosen to quieten an application ({@code quarkus.log.level=WARN})
 * would otherwise take the audit trail with it, with nothing to show it is gone. The extension therefore sets both
 * categories to {@code INFO} by default (so the root level does not reach them), and at start-up:
 * <ul>
 * <li>refuses to start when a category level, {@code quarkus.log.min-level} or
 * {@code use-parent-handlers=false} without handlers that the user set still keeps either line out while it is on:
 * the lines are turned off with their own switch, not as a side effect;</li>
 * <li>warns when every console handler is above {@code INFO}: those lines can still reach another handler (a file,
 * syslog), so that is a choice about the console, not about the trail.</li>
 * </ul>
 */
public final class AuditLineLevels {

    /** The level both categories get by default, whatever the root level is. */
    public static final Level LINE_LEVEL = Level.INFO;

    /** The logger categories of audit and login lines. */
    public static final List<String> CATEGORIES = List.of(RequestAudit.LOGGER, LoginAttemptLogger.LOGGER);

    private AuditLineLevels() {
    }

    /**
     * @param requestServed whether {@code Request served} lines are on
     * @param loginLines whether {@code Login succeeded / failed} lines are on (Quarkus security present and on)
     * @throws ConfigurationException when a level keeps lines out that are on
     */
    public static void check(boolean requestServed, boolean loginLines, Consumer<String> warnings) {
        if (requestServed) {
            requireLoggable(RequestAudit.LOGGER, "Request served", "quarkus.medplum-logs.audit.enabled");
        }
        if (loginLines) {
            requireLoggable(LoginAttemptLogger.LOGGER, "Login succeeded", "quarkus.medplum-logs.login.enabled");
        }
        if (requestServed || loginLines) {
            warnIfConsoleIsAboveInfo(warnings);
        }
    }

    private static void requireLoggable(String category, String line, String onOffKey) {
        Logger logger = Logger.getLogger(category);
        if (!reachesAHandler(logger)) {
            throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but logger " + category
                    + " has no handler and does not use its parents' (quarkus.log.category.\"" + category
                    + "\".use-parent-handlers=false), so none would be written: give it handlers, or turn these"
                    + " lines off with " + onOffKey + "=false");
        }
        if (logger.isLoggable(LINE_LEVEL)) {
            return;
        }
        throw new ConfigurationException("'" + line + "' lines are on (" + onOffKey + ") but logger " + category
                + " is at " + effectiveLevel(logger) + ", so none would be written: set quarkus.log.category.\""
                + category + "\".level (and quarkus.log.min-level, if you set it) to " + LINE_LEVEL
                + " or lower, or turn these lines off with " + onOffKey + "=false");
    }

    /** Whether a record of this logger meets any handler: its own, or its parents' as far as it uses them. */
    private static boolean reachesAHandler(Logger logger) {
        for (Logger l = logger; l != null; l = l.getParent()) {
            if (l.getHandlers().length > 0) {
                return true;
            }
            if (!l.getUseParentHandlers()) {
                return false;
            }
        }
        return false;
    }

    private static String effectiveLevel(Logger logger) {
        for (Logger l = logger; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel().getName();
            }
        }
        return "a level above " + LINE_LEVEL;
    }

    private static void warnIfConsoleIsAboveInfo(Consumer<String> warnings) {
        var consoles = ConsoleJsonInstaller.consoles();
        if (consoles.isEmpty()) {
            return;
        }
        for (ConsoleHandler console : consoles) {
            Level level = console.getLevel();
            if (level == null || level.intValue() <= LINE_LEVEL.intValue()) {
                return;
            }
        }
        warnings.accept("quarkus.log.console.level is " + consoles.get(0).getLevel().getName()
                + ": 'Request served' and 'Login succeeded' lines (" + LINE_LEVEL
                + ") are not written to the console; they reach only other handlers (file, syslog), if any");
    }
}
