package io.medplumlogs.runtime.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The console handler's writer: each line reaches the stream in one {@code write}, UTF-8 encoded.
 * <p>
 * The handler writes through a {@code BufferedWriter} and an {@code OutputStreamWriter}, which hand a line on 8 KiB
 * at a time, so a longer line (a stack trace, a long URL) reached stdout in several writes, and what else wrote to
 * stdout between them (the application's {@code System.out.println}, a library that prints, the background writer's
 * batch beside a console configured by name) landed inside the line: two broken lines instead of one JSON object.
 * Here the text is collected until it ends a line (a JSON line holds no line feed but its delimiter's, which ends in
 * one) or the handler flushes, and then written at once: {@link System#out} writes each call whole under its lock,
 * and the background writer queues it as one entry.
 */
final class LineAtOnceWriter extends Writer {

    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder(1024);

    LineAtOnceWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        pending.append(text, off, off + len);
        if (len > 0 && text.charAt(off + len - 1) == '\n') {
            writePending();
        }
    }

    /**
     * Where the handler's {@code BufferedWriter} hands each line on: a whole line (nothing pending, ending in a line
     * feed, by far the usual case) is encoded straight from its characters, without a copy through {@link #pending}.
     */
    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (len > 0 && chars[off + len - 1] == '\n') {
            if (pending.length() == 0) {
                writeLine(Utf8Line.of(chars, off, len));
                return;
            }
            pending.append(chars, off, len);
            writePending();
            return;
        }
        pending.append(chars, off, len);
    }

    @Override
    public void flush() throws IOException {
        writePending();
        out.flush();
    }

    /** The stream is stdout's (or the background writer's), which the handler does not own. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void writePending() throws IOException {
        if (pending.length() == 0) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        if (pending.capacity() > 64 * 1024) {
            pending.trimToSize(); // one huge line must not keep its buffer
        }
        writeLine(bytes);
    }

    /** {@code bytes} is this line's own array: the background writer queues it as it is, without a copy. */
    private void writeLine(byte[] bytes) throws IOException {
        if (out instanceof BackgroundOutput background) {
            background.writeOwned(bytes);
        } else {
            out.write(bytes, 0, bytes.length);
        }
    }
}
