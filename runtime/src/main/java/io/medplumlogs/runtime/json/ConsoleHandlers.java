package io.medplumlogs.runtime.json;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/** Finds the console handler(s) Quarkus installed, also when wrapped (async console). */
final class ConsoleHandlers {

    private ConsoleHandlers() {
    }

    static List<ConsoleHandler> installed() {
        List<ConsoleHandler> found = new ArrayList<>();
        collect(InitialConfigurator.DELAYED_HANDLER.getHandlers(), found, 0);
        return found;
    }

    private static void collect(Handler[] handlers, List<ConsoleHandler> found, int depth) {
        if (handlers == null || depth > 4) {
            return;
        }
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                found.add(console);
            } else if (handler instanceof ExtHandler wrapper) {
                collect(wrapper.getHandlers(), found, depth + 1);
            }
        }
    }
}
