package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

/** When an ERROR record's log call returns, its line and every line before it are on stdout. */
class BackgroundWriterErrorFlushTest {

    @Test
    void errorLineAndEverythingBeforeItAreWrittenWhenLogReturns() throws Exception {
        waitsForItsLine(Level.ERROR);
    }

    /** FATAL (and SEVERE, the JUL name of ERROR) is above ERROR: it waits too (index.adoc, "An ERROR (or FATAL)"). */
    @Test
    void fatalAndSevereWaitLikeError() throws Exception {
        waitsForItsLine(Level.FATAL);
        waitsForItsLine(java.util.logging.Level.SEVERE);
    }

    private static void waitsForItsLine(java.util.logging.Level level) throws Exception {
        try (ConsoleUnderTest console = new ConsoleUnderTest(1024)) {
            // hold the writer in its first write, so the next lines can only be out if log(ERROR) waited for them
            console.stdout.stall();
            console.logger("app").info("first");
            List<String> expected = new ArrayList<>(List.of("first"));
            for (int i = 0; i < 50; i++) {
                console.logger("app").info("info " + i);
                expected.add("info " + i);
            }
            CountDownLatch errorLogged = new CountDownLatch(1);
            Thread logging = new Thread(() -> {
                console.logger("app").log(level, "payment failed");
                errorLogged.countDown();
            });
            logging.start();
            // the ERROR caller must still be waiting while stdout is stalled: its line is not out yet
            while (logging.getState() != Thread.State.WAITING && logging.isAlive()) {
                Thread.onSpinWait();
            }
            assertThat(errorLogged.getCount()).isEqualTo(1);
            console.stdout.release();
            errorLogged.await();
            expected.add("payment failed");
            assertThat(console.stdout.lines()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void infoDoesNotWaitForTheWriter() {
        try (ConsoleUnderTest console = new ConsoleUnderTest(1024)) {
            console.stdout.stall();
            console.logger("app").info("queued");
            console.logger("app").info("also queued");
            // both calls returned although stdout accepts nothing: the lines are waiting in the queue
            assertThat(console.stdout.lines()).isEmpty();
            console.stdout.release();
            console.background.close();
            assertThat(console.stdout.lines()).containsExactly("queued", "also queued");
        }
    }

    /**
     * index.adoc: lines logged while shutting down (after the writer was closed and drained) are written directly,
     * in order: each is out when its log call returns, and none is lost for want of a writer thread.
     */
    @Test
    void afterCloseEveryLineIsWrittenBeforeItsLogCallReturns() {
        try (ConsoleUnderTest console = new ConsoleUnderTest(1024)) {
            console.logger("app").info("queued before close");
            console.background.close();
            assertThat(console.stdout.lines()).containsExactly("queued before close");

            for (int i = 0; i < 20; i++) {
                console.logger("app").info("late " + i);
                assertThat(console.stdout.lines()).hasSize(i + 2).last().isEqualTo("late " + i);
            }
        }
    }
}
