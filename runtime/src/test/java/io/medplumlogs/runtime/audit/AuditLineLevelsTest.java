package io.medplumlogs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.QueueHandler;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Every way a log setting keeps audit lines from all writing handlers is refused; a setting that still lets them
 * reach one is accepted, with a warning when other handlers drop them. Each case builds its own logger tree in a
 * private log context, as Quarkus would have configured it.
 */
class AuditLineLevelsTest {

    private static final String KEY = "quarkus.medplum-logs.audit.enabled";

    private final LogContext context = LogContext.create();
    private final Logger root = context.getLogger("");
    private final Logger audit = context.getLogger(RequestAudit.LOGGER);

    @Test
    void aConsoleAtInfoTakesTheLines() {
        root.addHandler(handler(new ConsoleHandler(), Level.ALL));

        assertThat(problems()).isEmpty();
    }

    @Test
    void aConsoleAboveInfoAsTheOnlyWriterIsRefused() {
        root.addHandler(handler(new ConsoleHandler(), Level.WARNING));

        assertThatThrownBy(this::problems).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("every log handler that writes them is above INFO")
                .hasMessageContaining("ConsoleHandler (level WARNING)")
                .hasMessageContaining("quarkus.log.console.level").hasMessageContaining(KEY + "=false");
    }

    @Test
    void aConsoleAboveInfoBesideAnotherWriterOnlyWarns() {
        root.addHandler(handler(new ConsoleHandler(), Level.WARNING));
        root.addHandler(handler(new QueueHandler(), Level.INFO)); // a file or syslog handler

        assertThat(problems()).singleElement().asString().contains("ConsoleHandler (level WARNING)",
                "reach only the other handlers");
    }

    @Test
    void aWrapperAboveInfoHidesTheConsoleUnderIt() {
        AsyncHandler async = handler(new AsyncHandler(), Level.WARNING);
        async.addHandler(handler(new ConsoleHandler(), Level.ALL));
        root.addHandler(async);

        assertThatThrownBy(this::problems).hasMessageContaining("above INFO");
    }

    @Test
    void aWrapperAtInfoPassesThemOnToItsConsole() {
        AsyncHandler async = handler(new AsyncHandler(), Level.ALL);
        async.addHandler(handler(new ConsoleHandler(), Level.INFO));
        root.addHandler(async);

        assertThat(problems()).isEmpty();
    }

    @Test
    void noWritingHandlerAtAllIsRefused() {
        QueueHandler disabled = handler(new QueueHandler(), Level.ALL);
        disabled.setEnabled(false);
        root.addHandler(disabled);
        root.addHandler(new OwnHandler()); // ours write nothing (the ERROR flush only waits)

        assertThatThrownBy(this::problems).hasMessageContaining("no log handler writes the records")
                .hasMessageContaining("no handler is enabled");
    }

    @Test
    void cutOffFromTheParentsWithoutHandlersIsRefusedNamingWhereItIsCut() {
        root.addHandler(handler(new ConsoleHandler(), Level.ALL));
        context.getLogger("io.medplumlogs").setUseParentHandlers(false);

        assertThatThrownBy(this::problems)
                .hasMessageContaining("quarkus.log.category.\"io.medplumlogs\".use-parent-handlers=false");
    }

    @Test
    void routedToItsOwnHandlerWithoutParentsIsAccepted() {
        root.addHandler(handler(new ConsoleHandler(), Level.WARNING));
        audit.setUseParentHandlers(false);
        audit.addHandler(handler(new QueueHandler(), Level.INFO)); // quarkus.log.category."...".handlers=AUDIT_FILE

        assertThat(problems()).isEmpty();
    }

    @Test
    void aCategoryLevelAboveInfoIsRefusedAndOneBelowIsAccepted() {
        root.addHandler(handler(new ConsoleHandler(), Level.ALL));
        context.getLogger("io.medplumlogs").setLevel(Level.SEVERE);
        audit.setLevel(Level.WARNING);

        assertThatThrownBy(this::problems).hasMessageContaining("logger io.medplumlogs.audit is at WARNING")
                .hasMessageContaining("min-level");

        audit.setLevel(Level.FINE);
        assertThat(problems()).isEmpty();
    }

    @Test
    void anAsyncHandlerThatDiscardsAsTheOnlyWriterIsRefusedNamingTheSetting() {
        AsyncHandler async = handler(new AsyncHandler(), Level.ALL);
        async.setOverflowAction(AsyncHandler.OverflowAction.DISCARD);
        async.addHandler(handler(new ConsoleHandler(), Level.ALL));
        root.addHandler(async);

        assertThatThrownBy(this::problems).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("overflow=discard").hasMessageContaining("ConsoleHandler (level ALL)")
                .hasMessageContaining("quarkus.log.console.async.overflow=block")
                .hasMessageContaining(KEY + "=false");
    }

    @Test
    void aDiscardingWrapperAboveADiscardingWrapperIsStillRefused() {
        AsyncHandler outer = handler(new AsyncHandler(), Level.ALL);
        outer.setOverflowAction(AsyncHandler.OverflowAction.DISCARD);
        AsyncHandler inner = handler(new AsyncHandler(), Level.ALL); // blocks, but the outer one already dropped
        inner.addHandler(handler(new ConsoleHandler(), Level.ALL));
        outer.addHandler(inner);
        root.addHandler(outer);

        assertThatThrownBy(this::problems).hasMessageContaining("overflow=discard");
    }

    @Test
    void anAsyncHandlerThatDiscardsBesideOneThatKeepsEveryLineOnlyWarns() {
        AsyncHandler async = handler(new AsyncHandler(), Level.ALL);
        async.setOverflowAction(AsyncHandler.OverflowAction.DISCARD);
        async.addHandler(handler(new ConsoleHandler(), Level.ALL));
        root.addHandler(async);
        root.addHandler(handler(new QueueHandler(), Level.INFO)); // a file handler without async

        assertThat(problems()).singleElement().asString().contains("ConsoleHandler (level ALL)",
                "overflow=discard", "the other handlers keep every one");
    }

    @Test
    void anAsyncHandlerThatDiscardsButTakesNoInfoLinesIsOnlyTheLevelProblem() {
        AsyncHandler async = handler(new AsyncHandler(), Level.WARNING);
        async.setOverflowAction(AsyncHandler.OverflowAction.DISCARD);
        async.addHandler(handler(new ConsoleHandler(), Level.ALL));
        root.addHandler(async);

        assertThatThrownBy(this::problems).hasMessageContaining("above INFO").hasMessageNotContaining("discard");
    }

    private java.util.List<String> problems() {
        return AuditLineLevels.problems(audit, "Request served", KEY);
    }

    private static <H extends Handler> H handler(H handler, Level level) {
        handler.setLevel(level);
        return handler;
    }

    /** Stands for a handler of ours (the background writer's ERROR flush): it writes no line. */
    private static final class OwnHandler extends ExtHandler {
    }
}
