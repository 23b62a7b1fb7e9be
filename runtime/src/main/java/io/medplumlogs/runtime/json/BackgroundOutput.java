package io.medplumlogs.runtime.json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's output stream when the background writer is on: the logging thread formats and encodes its line and
 * hands the bytes over; one writer thread writes everything queued since its last write with one {@code write} and
 * one {@code flush} (group commit), instead of one of each per line.
 * <p>
 * Nothing is dropped: the queue is bounded and a full queue blocks the logging thread until the writer has caught up
 * (the same back-pressure a slow stdout puts on a synchronous handler). Lines leave in the order they were queued,
 * and the console handler queues them under its own lock, so the lines of one thread stay in order.
 * {@link #awaitWritten()} waits until everything queued so far has been written (used before an ERROR record's
 * {@code log} call returns); after {@link #close()} the queue is drained and every later line is written directly.
 * <p>
 * Linger: once woken, the writer waits up to {@link #LINGER_NANOS} for more lines before it writes (as Kafka's
 * {@code linger.ms}), and logging threads wake it only when it sleeps with nothing queued, when the queue is half
 * full or a batch's worth of bytes waits. Without it, on a busy single CPU the writer woke for almost every line: a
 * futex wake-up and a context switch per line cost more than the write it saved. An ERROR flush and
 * {@link #close()} end the linger at once.
 * What a SIGKILL can lose is what is queued or being written at that moment: the lines of the last linger plus the
 * write in progress, a few milliseconds.
 * <p>
 * Why not Quarkus' {@code quarkus.log.console.async} (JBoss {@code AsyncHandler}, overflow {@code BLOCK}): it still
 * writes and flushes once per record on its thread, so the number of writes stays the same; it copies every record
 * (MDC included) to hand it over, and formats all lines on its single thread; and it has no way to let an ERROR
 * record's caller wait until the line is out.
 */
public final class BackgroundOutput extends OutputStream {

    /** A batch grows to about this many bytes before it is written, so one write never gets huge. */
    private static final int BATCH_BYTES = 64 * 1024;

    /** How long the writer collects lines before it writes them (the crash window's main part). */
    static final long LINGER_NANOS = 1_000_000;

    private final OutputStream target;
    private final int capacity;
    /** Queue length at which logging threads cut the writer's linger short, so they rarely block on a full queue. */
    private final int wakeAt;
    private final ArrayDeque<byte[]> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Thread writer;

    // guarded by lock
    private long queued;
    private long written;
    private int waiters;
    private long queuedBytes;
    /** The writer waits with nothing queued: the next line must wake it. */
    private boolean idle;
    private boolean closing;
    /** The writer thread is gone (closed, or it died): callers write directly, in order. */
    private boolean direct;

    /**
     * @param target where the lines go (the process' stdout or stderr)
     * @param capacity how many writes may wait before a logging thread blocks
     */
    public BackgroundOutput(OutputStream target, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue size must be at least 1, but is " + capacity);
        }
        this.target = target;
        this.capacity = capacity;
        this.wakeAt = Math.max(1, capacity / 2);
        this.queue = new ArrayDeque<>(Math.min(capacity, 4096));
        this.writer = new Thread(this::run, "medplum-logs console writer");
        writer.setDaemon(true); // never keeps the JVM alive: shutdown drains through close()
        writer.start();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        writeOwned(Arrays.copyOfRange(bytes, off, off + len));
    }

    /**
     * Queues {@code copy} itself, which the caller hands over and never touches again ({@link LineAtOnceWriter}'s
     * freshly encoded line): one copy less per line than {@link #write(byte[], int, int)}.
     */
    void writeOwned(byte[] copy) throws IOException {
        int len = copy.length;
        if (len == 0) {
            return;
        }
        lock.lock();
        try {
            while (!direct && queue.size() >= capacity) {
                notFull.awaitUninterruptibly(); // block, never drop
            }
            if (direct) {
                target.write(copy);
                target.flush();
                return;
            }
            queue.addLast(copy);
            queued++;
            queuedBytes += len;
            if (idle || queue.size() >= wakeAt || queuedBytes >= BATCH_BYTES) {
                idle = false;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nothing to do per line: the writer flushes after every batch. */
    @Override
    public void flush() {
    }

    /** Returns once everything queued before this call has been written to the target and flushed. */
    public void awaitWritten() {
        lock.lock();
        try {
            long mine = queued;
            waiters++;
            notEmpty.signal(); // end the writer's linger: this caller waits for the write
            try {
                while (!direct && written < mine) {
                    progress.awaitUninterruptibly();
                }
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, stops the writer thread; later lines are written directly. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != writer) {
            awaitWritten();
            boolean interrupted = false;
            while (writer.isAlive()) {
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    interrupted = true; // a shutdown hook must finish its drain
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        byte[] buffer = new byte[BATCH_BYTES];
        try {
            while (true) {
                int lines = 0;
                int length = 0;
                byte[] large = null;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        idle = true;
                        notEmpty.awaitUninterruptibly();
                    }
                    idle = false;
                    if (queue.isEmpty()) {
                        return; // closing and drained
                    }
                    linger();
                    // take whole lines while they fit; a line bigger than the buffer goes alone
                    byte[] next;
                    while ((next = queue.peekFirst()) != null) {
                        if (length + next.length > buffer.length) {
                            if (lines == 0) {
                                large = queue.pollFirst();
                                queuedBytes -= large.length;
                                lines = 1;
                            }
                            break;
                        }
                        queue.pollFirst();
                        queuedBytes -= next.length;
                        System.arraycopy(next, 0, buffer, length, next.length);
                        length += next.length;
                        lines++;
                    }
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                writeOut(large != null ? large : buffer, large != null ? large.length : length);
                lock.lock();
                try {
                    written += lines;
                    if (waiters > 0) {
                        progress.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            goDirect();
        }
    }

    /** Called with the lock held and something queued: lets more lines join this write, see the class comment. */
    private void linger() {
        long left = LINGER_NANOS;
        while (left > 0 && !closing && waiters == 0 && queue.size() < wakeAt && queuedBytes < BATCH_BYTES) {
            try {
                left = notEmpty.awaitNanos(left);
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread; if someone does, write now
            }
        }
    }

    private void writeOut(byte[] bytes, int length) {
        try {
            target.write(bytes, 0, length);
            target.flush();
        } catch (IOException | RuntimeException e) {
            // stdout is gone: a synchronous console handler would have lost these lines too; keep serving the rest
        }
    }

    /** From now on callers write themselves; anything still queued (the writer died) goes first, in order. */
    private void goDirect() {
        lock.lock();
        try {
            byte[] next;
            while ((next = queue.pollFirst()) != null) {
                writeOut(next, next.length);
                written++;
            }
        } finally {
            // also when stdout threw an Error (writeOut lets those through): nobody may wait for this thread any more;
            // callers now write themselves and see what stdout does, as with a synchronous handler
            queuedBytes = 0;
            direct = true;
            notFull.signalAll();
            progress.signalAll();
            lock.unlock();
        }
    }
}
