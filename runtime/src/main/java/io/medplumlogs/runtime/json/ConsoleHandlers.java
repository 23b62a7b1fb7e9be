package io.medplumlogs.runtime.json;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/** Finds the console handler(s) Quarkus installed, also when wrapped (async console, dev-mode colour wrapper). */
public final class ConsoleHandlers {

    private static final int MAX_DEPTH = 4;

    private ConsoleHandlers() {
    }

    /** The console handler(s) Quarkus installed under the root's delayed handler, unwrapped. */
    public static List<ConsoleHandler> installed() {
        return find(InitialConfigurator.DELAYED_HANDLER.getHandlers());
    }

    /**
     * The console handlers configured by name ({@code quarkus.log.handler.console."<name>"}) and attached to a
     * category ({@code quarkus.log.category."<c>".handlers}) whose records do not also reach the root's console
     * ({@code use-parent-handlers=false} on the category or a parent), unwrapped; none of {@link #installed()}.
     *
     * @param besideRoot told the category of a named console whose records reach the root's console as well
     */
    public static List<ConsoleHandler> named(Consumer<String> besideRoot) {
        List<ConsoleHandler> root = installed();
        List<ConsoleHandler> found = new ArrayList<>();
        LogContext context = LogContext.getLogContext();
        for (String name : Collections.list(context.getLoggerNames())) {
            if (name.isEmpty()) {
                continue;
            }
            Logger logger = context.getLogger(name);
            for (ConsoleHandler console : find(logger.getHandlers())) {
                if (containsSame(root, console) || containsSame(found, console)) {
                    continue;
                }
                if (reachesRoot(logger)) {
                    besideRoot.accept(name);
                } else {
                    found.add(console);
                }
            }
        }
        return found;
    }

    private static boolean reachesRoot(Logger logger) {
        for (Logger l = logger; l != null && !l.getName().isEmpty(); l = l.getParent()) {
            if (!l.getUseParentHandlers()) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsSame(List<ConsoleHandler> handlers, ConsoleHandler handler) {
        for (ConsoleHandler h : handlers) {
            if (h == handler) {
                return true;
            }
        }
        return false;
    }

    static List<ConsoleHandler> find(Handler[] handlers) {
        List<ConsoleHandler> found = new ArrayList<>();
        collect(handlers, found, 0);
        return found;
    }

    private static void collect(Handler[] handlers, List<ConsoleHandler> found, int depth) {
        if (handlers == null || depth > MAX_DEPTH) {
            return;
        }
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                found.add(console);
            } else {
                collect(children(handler), found, depth + 1);
            }
        }
    }

    /**
     * The handlers a wrapper passes records on to (the delayed root handler, an async console, dev mode's wrapper);
     * none for a handler that writes itself.
     */
    public static Handler[] children(Handler handler) {
        if (!(handler instanceof ExtHandler wrapper)) {
            return new Handler[0];
        }
        List<Handler> all = new ArrayList<>();
        for (Handler[] some : new Handler[][] { wrapper.getHandlers(), delegates(wrapper) }) {
            if (some != null) {
                all.addAll(List.of(some));
            }
        }
        return all.toArray(Handler[]::new);
    }

    /**
     * Handlers a wrapper holds in fields rather than as registered children: Quarkus' dev-mode wrapper that
     * highlights exceptions in colour is an anonymous class over the console handler.
     */
    private static Handler[] delegates(ExtHandler wrapper) {
        if (!wrapper.getClass().isAnonymousClass()) {
            return null;
        }
        List<Handler> delegates = new ArrayList<>();
        for (Field field : wrapper.getClass().getDeclaredFields()) {
            if (Handler.class.isAssignableFrom(field.getType())) {
                try {
                    field.setAccessible(true);
                    Object value = field.get(wrapper);
                    if (value instanceof Handler h && h != wrapper) {
                        delegates.add(h);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not reachable: nothing to adopt there
                }
            }
        }
        return delegates.toArray(Handler[]::new);
    }
}
