package io.medplumlogs.runtime.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/**
 * stdout that throws an {@link Error} (not an {@code IOException}) kills the writer thread; logging threads must then
 * write themselves, as a synchronous handler would, and never wait for a writer that is gone. The time limit only turns
 * a hang into a failure; nothing here is a speed check.
 */
class BackgroundWriterBrokenStdoutTest {

    @Test
    void anErrorFromStdoutNeverLeavesALoggingThreadWaiting() throws Exception {
        CountDownLatch inFirstWrite = new CountDownLatch(1);
        CountDownLatch moreQueued = new CountDownLatch(1);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                if (inFirstWrite.getCount() > 0) {
                    inFirstWrite.countDown();
                    await(moreQueued); // lines queue up behind the write that is about to fail
                }
                throw new Error("stdout is gone");
            }
        };
        BackgroundOutput output = new BackgroundOutput(broken, 4);
        output.write("first\n".getBytes(UTF_8));
        await(inFirstWrite);
        output.write("second\n".getBytes(UTF_8));
        output.write("third\n".getBytes(UTF_8));
        moreQueued.countDown();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            output.awaitWritten(); // what an ERROR record's log call does
            // from now on the caller writes itself and sees what stdout does
            assertThatThrownBy(() -> output.write("fourth\n".getBytes(UTF_8))).isInstanceOf(Error.class);
            output.close();
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
