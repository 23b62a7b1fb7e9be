package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.contract.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one subscription event chunk by chunk. A chunk that fails for good goes, alone, to the DLQ and the others
 * carry on, so the invocation can succeed and no delivered chunk is ever sent again by a Lambda retry.
 *
 * <p>Chunks go out in waves of up to {@link #MAX_CHUNKS_IN_FLIGHT}, each chunk's requests on a thread of its own while
 * this thread gzips the next body: a 1 MiB batch is two chunks, and their two exchanges with the intake overlap
 * instead of adding up. A wave is settled (every chunk delivered or dead-lettered, in chunk order) before the next one
 * starts, so that when the DLQ refuses a write no chunk after that wave is sent. Until the vendor has accepted the
 * current credential (cold start, restore, rotation) chunks go one at a time: a rejected credential costs one request.
 */
public final class Delivery {

    /** Bounds the request bodies held and the intake connections used at once; two cover a 1 MiB batch. */
    static final int MAX_CHUNKS_IN_FLIGHT = 2;
    /** Idle send threads end after this; a new one costs far less than a request. */
    private static final long IDLE_THREAD_SECONDS = 60;

    private final Vendor vendor;
    private final ChunkBuilder chunks;
    private final VendorSender sender;
    private final DeadLetterQueue deadLetters;
    private final ExecutorService sends;

    public Delivery(Intake intake, VendorSender sender, DeadLetterQueue deadLetters) {
        this.vendor = intake.vendor();
        this.chunks = new ChunkBuilder(intake);
        this.sender = sender;
        this.deadLetters = deadLetters;
        ThreadPoolExecutor threads = new ThreadPoolExecutor(MAX_CHUNKS_IN_FLIGHT, MAX_CHUNKS_IN_FLIGHT,
                IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "medplum-logs-send");
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        this.sends = threads;
    }

    /**
     * Starts the send threads and runs {@code first} on one of them, as a chunk's requests run: priming in init, so
     * that a SnapStart snapshot holds the threads started and the code they run loaded.
     */
    public void primeSendThreads(Runnable first) {
        List<Future<?>> started = new ArrayList<>();
        started.add(sends.submit(first));
        for (int i = 1; i < MAX_CHUNKS_IN_FLIGHT; i++) {
            started.add(sends.submit(() -> { }));
        }
        started.forEach(Delivery::await);
    }

    /**
     * @throws DeadLetterWriteException when a failed chunk could not be dead-lettered; chunks not started yet are then
     *     not sent (those of its wave already in flight are finished first), so the Lambda retry that follows
     *     duplicates as little as possible
     */
    public Summary deliver(SubscriptionEvent event, Deadline deadline) {
        List<Chunk> all = chunks.balanceLastPair(chunks.chunks(event));
        Progress progress = new Progress(event, all.size(), deadline);
        List<InFlight> wave = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Chunk chunk = all.get(i);
            byte[] body;
            try {
                body = sender.body(chunk, deadline); // while the wave before is still in flight
            } catch (RuntimeException | Error e) {
                finish(wave); // none of this invocation's chunks may still be sent once it has failed
                throw e;
            }
            if (i % MAX_CHUNKS_IN_FLIGHT == 0 || !sender.credentialKnownGood()) {
                settle(wave, progress);
            }
            wave.add(new InFlight(i + 1, chunk, sends.submit(() -> sender.send(chunk, body, deadline))));
        }
        settle(wave, progress);
        ForwarderLog.info("Forwarded log events", "vendor", vendor.id(), "logGroup", event.logGroup(),
                "events", event.logEvents().size(), "entriesDelivered", progress.entries, "chunksDelivered",
                progress.delivered, "chunksDeadLettered", progress.deadLettered);
        return progress.summary(0);
    }

    /**
     * Waits for the chunks in flight and, in chunk order, counts each and dead-letters each failed one. When a DLQ
     * write fails, the chunks still in flight are waited for and counted, but not dead-lettered: the invocation fails
     * and Lambda's retry sends the whole batch again.
     */
    private void settle(List<InFlight> wave, Progress progress) {
        DeadLetterWriteException refused = null;
        Throwable unexpected = null; // a RuntimeException or an Error: the other chunks in flight are waited for
        for (InFlight sending : wave) {
            SendResult result;
            try {
                result = await(sending.result());
            } catch (RuntimeException | Error e) {
                unexpected = unexpected == null ? e : unexpected;
                continue;
            }
            progress.add(sending.chunk(), result);
            if (result.delivered()) {
                progress.delivered++;
            } else if (refused == null && unexpected == null) {
                try {
                    progress.truncated += deadLetter(progress, sending.chunk(), sending.index(),
                            result);
                    progress.deadLettered++;
                } catch (DeadLetterWriteException e) {
                    refused = e;
                }
            }
        }
        wave.clear();
        if (refused != null) {
            throw new DeadLetterWriteException(refused.getMessage(), refused.getCause(), progress.summary(1));
        }
        if (unexpected instanceof RuntimeException e) {
            throw e;
        }
        if (unexpected instanceof Error e) {
            throw e;
        }
    }

    /**
     * Waits for the chunks in flight without counting or dead-lettering them: the invocation fails, and Lambda's retry
     * sends the whole batch again. Lambda freezes the environment once the invocation returns, so a chunk left in
     * flight would be sent during the next invocation instead.
     */
    private static void finish(List<InFlight> wave) {
        for (InFlight sending : wave) {
            try {
                await(sending.result());
            } catch (RuntimeException | Error ignored) {
                // the invocation's own failure is what it reports
            }
        }
        wave.clear();
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new IllegalStateException("interrupted while a chunk was in flight", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A chunk whose requests are under way; {@code index} counts from 1, as the log lines do. */
    private record InFlight(int index, Chunk chunk, Future<SendResult> result) {
    }

    /** What the invocation's result, log line and metrics add up over its chunks, in chunk order. */
    private static final class Progress {
        final SubscriptionEvent event;
        final int total;
        /** Also bounds the chunks' DLQ writes. */
        final Deadline deadline;
        int delivered;
        int deadLettered;
        int entries;
        int retries;
        long bytes;
        int truncated;
        int split;
        /** Whether the parts so far of the event a chunk left unfinished were delivered (true between events). */
        boolean partsDelivered = true;
        final List<Long> latencies = new ArrayList<>();

        Progress(SubscriptionEvent event, int total, Deadline deadline) {
            this.event = event;
            this.total = total;
            this.deadline = deadline;
        }

        void add(Chunk chunk, SendResult result) {
            retries += Math.max(0, result.attempts() - 1);
            bytes += result.bytesSent();
            split += chunk.splitEntries();
            latencies.addAll(result.latenciesMillis());
            countEvents(chunk, result.delivered());
        }

        /**
         * Counts the log events the vendor now has whole. Chunks are settled in chunk order, so the parts of a split
         * event, in the same or consecutive chunks, come here in order: it counts when its last part does, if every
         * part was delivered.
         */
        private void countEvents(Chunk chunk, boolean delivered) {
            int n = chunk.utf8Entries().size(); // not entries(): no strings decoded
            if (chunk.continued().isEmpty() && partsDelivered) {
                entries += delivered ? n : 0;
                return;
            }
            for (int i = 0; i < n; i++) {
                partsDelivered &= delivered;
                if (!chunk.continues(i)) {
                    entries += partsDelivered ? 1 : 0;
                    partsDelivered = true;
                }
            }
        }

        Summary summary(int deadLetterWritesFailed) {
            return new Summary(total, delivered, deadLettered, entries, retries, bytes, truncated, split,
                    List.copyOf(latencies), deadLetterWritesFailed);
        }
    }

    /** @return entries cut to fit a DLQ message (they count as truncated) */
    private int deadLetter(Progress progress, Chunk chunk, int index, SendResult result) {
        SubscriptionEvent event = progress.event;
        int total = progress.total;
        String reason = result.detail() + " after " + result.attempts() + " attempt(s)";
        int written = 0; // SQS has no all-or-nothing write over several messages: say how many were taken
        int messages = 0;
        try {
            DeadLetterCodec.Encoded encoded = DeadLetterCodec.encodeCounting(vendor, chunk, reason);
            messages = encoded.messages().size();
            for (String message : encoded.messages()) {
                deadLetters.send(message, progress.deadline.queueCallMillis());
                written++;
            }
            ForwarderLog.warn("Chunk not delivered, written to the DLQ", "vendor", vendor.id(),
                    "logGroup", event.logGroup(), "chunk", index, "chunks", total, "entries", chunk.entries().size(),
                    "reason", reason);
            return encoded.newlyCut();
        } catch (RuntimeException e) {
            // A chunk split over several DLQ messages may be refused after some were taken: those stay in the DLQ
            // and Lambda's retry writes (or delivers) the whole chunk again, so their entries come twice. Saying
            // "neither ... nor written" then would send an operator looking for nothing in the DLQ.
            boolean none = written == 0;
            String told = none ? " was neither delivered (" + reason + ") nor written to the DLQ"
                    : " was not delivered (" + reason + ") and written to the DLQ only in part: " + written + " of "
                            + messages + " DLQ messages (their entries come again with Lambda's retry, and again when"
                            + " redrive sends them)";
            ForwarderLog.error("LOGS AT RISK: chunk neither delivered " + (none ? "nor written to the DLQ"
                    : "nor wholly written to the DLQ") + "; failing the invocation so Lambda retries it", e,
                    "vendor", vendor.id(), "logGroup", event.logGroup(), "chunk", index, "chunks", total,
                    "entries", chunk.entries().size(), "dlqMessagesWritten", written, "dlqMessages", messages,
                    "reason", reason);
            throw new DeadLetterWriteException("chunk " + index + "/" + total + " of " + event.logGroup() + told + ": "
                    + e.getMessage(), e, null);
        }
    }

    /** A DLQ chunk about to be redriven, with entries too old for the vendor re-stamped. */
    List<Chunk> forRedrive(Chunk chunk) {
        return chunks.withinLimitForRedrive(chunks.age().restamp(chunk));
    }

    /**
     * Counts for the invocation's result, log line and metrics.
     *
     * @param chunksRetried retry attempts after a failed first attempt, summed over chunks
     * @param bytesSent gzipped request bytes of all requests made
     * @param entriesDelivered log events the vendor accepted; a split event counts once, when all its parts were taken
     * @param entriesTruncated log events whose content was cut and marked: correlation fields too long on their own
     *     for the vendor's per-event limit (once per event, however many parts), or an entry cut to fit a DLQ message
     * @param entriesSplit log events above the vendor's per-event limit sent as several parts
     * @param vendorLatenciesMillis per answered request: chunk by chunk in chunk order, each chunk's in the order sent
     * @param deadLetterWritesFailed 1 when a failed chunk could not be written to the DLQ (the invocation then fails)
     */
    public record Summary(int chunks, int chunksDelivered, int chunksDeadLettered, int entriesDelivered,
            int chunksRetried, long bytesSent, int entriesTruncated, int entriesSplit, List<Long> vendorLatenciesMillis,
            int deadLetterWritesFailed) {

        /** Nothing handled: the invocation failed before its first chunk was sent. */
        public static Summary none() {
            return new Summary(0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0);
        }
    }
}
