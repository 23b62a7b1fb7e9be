package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A stalled stdout blocks the logging thread once the queue is full; no line is dropped. */
class BackgroundWriterBackpressureTest {

    // (Writer set-up alike to BackgroundWriterErrorFlushTest's: each test its own sink behaviour.)
    @Test
    void fullQueueBlocksTheLoggerAndLosesNothing() throws Exception {
        int queueSize = 4;
        int lines = 100;
        try (ConsoleUnderTest console = new ConsoleUnderTest(queueSize)) {
            console.stdout.stall();
            AtomicInteger returned = new AtomicInteger();
            Thread logging = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    console.logger("app").info("line " + i);
                    returned.incrementAndGet();
                }
            });
            logging.start();
            while (logging.getState() != Thread.State.WAITING && logging.isAlive()) {
                Thread.onSpinWait();
            }
            // blocked: at most one batch in the stalled write plus a full queue got through
            assertThat(returned.get()).isLessThan(lines).isLessThanOrEqualTo(queueSize * 2 + 1);
            console.stdout.release();
            logging.join();
            console.background.close();

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                expected.add("line " + i);
            }
            assertThat(console.stdout.lines()).containsExactlyElementsOf(expected);
        }
    }

    /**
     * Guard: a thread interrupted while it waits for room (a request cancelled, an executor shut down) still has its
     * line written, and keeps its interrupt for the code after the log call.
     */
    @Test
    void anInterruptedLoggerWaitingForRoomKeepsItsLineAndItsInterrupt() throws Exception {
        int queueSize = 2;
        int lines = 20;
        try (ConsoleUnderTest console = new ConsoleUnderTest(queueSize)) {
            console.stdout.stall();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread logging = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    console.logger("app").info("line " + i);
                }
                interruptKept.set(Thread.currentThread().isInterrupted());
            });
            logging.start();
            while (logging.getState() != Thread.State.WAITING && logging.isAlive()) {
                Thread.onSpinWait();
            }
            logging.interrupt();
            console.stdout.release();
            logging.join();
            console.background.close();

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                expected.add("line " + i);
            }
            assertThat(console.stdout.lines()).containsExactlyElementsOf(expected);
            assertThat(interruptKept).isTrue();
        }
    }

    @Test
    void manyLinesGoOutInFewerWrites() {
        try (ConsoleUnderTest console = new ConsoleUnderTest(1024)) {
            console.stdout.stall();
            console.logger("app").info("held in the first write");
            for (int i = 0; i < 200; i++) {
                console.logger("app").info("line " + i);
            }
            console.stdout.release();
            console.background.close();
            assertThat(console.stdout.lines()).hasSize(201);
            // group commit: the 200 lines queued behind the stalled write left together
            assertThat(console.stdout.writes()).isLessThan(20);
        }
    }
}
