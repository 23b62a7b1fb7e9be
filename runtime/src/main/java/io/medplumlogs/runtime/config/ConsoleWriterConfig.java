package io.medplumlogs.runtime.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** How JSON lines get to stdout. */
public interface ConsoleWriterConfig {

    /**
     * Write JSON lines from a background thread that writes all lines waiting since its last write at once (one
     * write for many lines), instead of one write per line on the logging thread. Only with JSON lines on.
     * <p>
     * Nothing is dropped: when `queue-size` lines wait, logging threads block until the writer caught up; an ERROR
     * record's `log` call returns only once that line and every line before it is written; a normal stop and SIGTERM
     * write everything still waiting before the process exits; the lines of one thread keep their order. What a
     * SIGKILL (or a crash of the JVM) can lose is what is still waiting: the lines of the last few milliseconds (the
     * writer collects lines for up to 1 ms before each write, so that a busy server wakes it once per millisecond
     * rather than once per line; add the write in progress and, on a busy CPU, the time the writer waits to run). At
     * most that is the queue ({@code queue-size} lines) plus one write of up to 64 KiB.
     * Turn off to write every line before its `log` call returns.
     */
    @WithDefault("true")
    @WithConverter(OnOffConverter.class)
    boolean background();

    /**
     * How many lines may wait for the background writer before logging threads block: a whole number, at least 1.
     * Any other value stops start-up with a message naming the key, also where JSON lines or the background writer
     * are off.
     */
    @WithDefault("1024")
    @WithConverter(QueueSizeConverter.class)
    int queueSize();
}
