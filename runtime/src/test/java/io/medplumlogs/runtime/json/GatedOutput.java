package io.medplumlogs.runtime.json;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stands in for stdout: keeps what was written, and can be stalled (a full pipe, a slow log driver) until released.
 */
final class GatedOutput extends OutputStream {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Object gate = new Object();
    private boolean stalled;
    private volatile int writes;

    /** Every later write waits until {@link #release()}. */
    void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    void release() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        synchronized (gate) {
            while (stalled) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        synchronized (written) {
            written.write(b, off, len);
            writes++;
        }
    }

    int writes() {
        return writes;
    }

    /** The lines written so far, without delimiters. */
    List<String> lines() {
        synchronized (written) {
            String text = written.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
