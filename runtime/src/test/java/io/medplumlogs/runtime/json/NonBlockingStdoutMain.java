package io.medplumlogs.runtime.json;

import java.util.List;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The child JVM of {@link NonBlockingStdoutTest}: logs {@code args[1]} lines of {@code args[2]} bytes (about 300 if
 * not given) to the console, through the background writer ({@code args[0]} = {@code background}) or directly
 * ({@code direct}), wired to stdout as the extension wires it ({@link ConsoleJsonInstaller}), then exits normally.
 */
public final class NonBlockingStdoutMain {

    public static void main(String[] args) {
        boolean background = args[0].equals("background");
        int lines = Integer.parseInt(args[1]);
        int body = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        LogContext context = LogContext.create();
        Logger root = context.getLogger("");
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        console.setAutoFlush(true);
        root.addHandler(console);
        if (background) {
            BackgroundConsole.install(root, List.of(console), Stdout.of(false), 256);
        } else {
            ConsoleJsonInstaller.writeTo(List.of(console), Stdout.of(false));
        }
        Logger app = context.getLogger("app");
        for (int i = 0; i < lines; i++) {
            app.info("line " + i + " " + "x".repeat(body));
        }
        System.exit(0); // the background writer drains on exit
    }
}
