package io.medplumlogs.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts application lines whose {@code log} call has returned, for bench/http/crash-window.sh: with
 * {@code -Dbench.app-lines=<file>} the count is kept in a memory-mapped file, which the kernel keeps after a SIGKILL,
 * so the script can compare what the app logged with what reached stdout. Without the property: nothing.
 */
final class AppLines {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final MappedByteBuffer FILE = open(System.getProperty("bench.app-lines"));

    private AppLines() {
    }

    static void logged(int lines) {
        if (FILE != null) {
            long total = COUNT.addAndGet(lines);
            synchronized (FILE) {
                if (FILE.getLong(0) < total) {
                    FILE.putLong(0, total);
                }
            }
        }
    }

    private static MappedByteBuffer open(String path) {
        if (path == null) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
