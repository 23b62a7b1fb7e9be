package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.contract.Vendor;
import java.util.List;

/**
 * Delivers one subscription event chunk by chunk. A chunk that fails for good goes, alone, to the DLQ and the others
 * carry on, so the invocation can succeed and no delivered chunk is ever sent again by a Lambda retry.
 */
public final class Delivery {

    private final Vendor vendor;
    private final ChunkBuilder chunks;
    private final VendorSender sender;
    private final DeadLetterQueue deadLetters;

    public Delivery(Intake intake, VendorSender sender, DeadLetterQueue deadLetters) {
        this.vendor = intake.vendor();
        this.chunks = new ChunkBuilder(intake);
        this.sender = sender;
        this.deadLetters = deadLetters;
    }

    /**
     * @throws DeadLetterWriteException when a failed chunk could not be dead-lettered; later chunks are then not sent,
     *     so the Lambda retry that follows duplicates as little as possible
     */
    public Summary deliver(SubscriptionEvent event, Deadline deadline) {
        return deliver(event, deadline, false);
    }

    /** {@link #deliver} for an invocation recovered on redrive: entries too old for the vendor are re-stamped. */
    Summary redeliver(SubscriptionEvent event, Deadline deadline) {
        return deliver(event, deadline, true);
    }

    private Summary deliver(SubscriptionEvent event, Deadline deadline, boolean restampOld) {
        List<Chunk> all = chunks.chunks(event, restampOld);
        int delivered = 0;
        int deadLettered = 0;
        int entries = 0;
        Traffic traffic = new Traffic();
        for (int i = 0; i < all.size(); i++) {
            Chunk chunk = all.get(i);
            SendResult result = sender.send(chunk, deadline);
            traffic.add(chunk, result);
            if (result.delivered()) {
                delivered++;
                entries += chunk.entries().size();
                continue;
            }
            try {
                traffic.truncated += deadLetter(event, chunk, i + 1, all.size(), result);
            } catch (DeadLetterWriteException e) {
                throw new DeadLetterWriteException(e.getMessage(), e.getCause(), new Summary(all.size(), delivered,
                        deadLettered, entries, traffic.retries, traffic.bytes, traffic.truncated,
                        List.copyOf(traffic.latencies), 1));
            }
            deadLettered++;
        }
        ForwarderLog.info("Forwarded log events", "vendor", vendor.id(), "logGroup", event.logGroup(),
                "events", event.logEvents().size(), "entriesDelivered", entries, "chunksDelivered", delivered,
                "chunksDeadLettered", deadLettered);
        return new Summary(all.size(), delivered, deadLettered, entries, traffic.retries, traffic.bytes,
                traffic.truncated, List.copyOf(traffic.latencies), 0);
    }

    /** What the invocation's metrics add up over its chunks. */
    private static final class Traffic {
        int retries;
        long bytes;
        int truncated;
        final List<Long> latencies = new java.util.ArrayList<>();

        void add(Chunk chunk, SendResult result) {
            retries += Math.max(0, result.attempts() - 1);
            bytes += result.bytesSent();
            truncated += chunk.truncatedEntries();
            latencies.addAll(result.latenciesMillis());
        }
    }

    /** @return entries cut to fit a DLQ message that were not cut before (they count as truncated) */
    private int deadLetter(SubscriptionEvent event, Chunk chunk, int index, int total, SendResult result) {
        String reason = result.detail() + " after " + result.attempts() + " attempt(s)";
        try {
            DeadLetterCodec.Encoded encoded = DeadLetterCodec.encodeCounting(vendor, chunk, reason);
            for (String message : encoded.messages()) {
                deadLetters.send(message);
            }
            ForwarderLog.warn("Chunk not delivered, written to the DLQ", "vendor", vendor.id(),
                    "logGroup", event.logGroup(), "chunk", index, "chunks", total, "entries", chunk.entries().size(),
                    "reason", reason);
            return encoded.newlyCut();
        } catch (RuntimeException e) {
            ForwarderLog.error("LOGS AT RISK: chunk neither delivered nor written to the DLQ; failing the invocation "
                    + "so Lambda retries it", e, "vendor", vendor.id(), "logGroup", event.logGroup(), "chunk", index,
                    "chunks", total, "entries", chunk.entries().size(), "reason", reason);
            throw new DeadLetterWriteException("chunk " + index + "/" + total + " of " + event.logGroup()
                    + " was neither delivered (" + reason + ") nor written to the DLQ: " + e.getMessage(), e, null);
        }
    }

    /** A DLQ chunk about to be redriven, with entries too old for the vendor re-stamped. */
    Chunk restampForRedrive(Chunk chunk) {
        return chunks.age().restamp(chunk);
    }

    /**
     * Counts for the invocation's result, log line and metrics.
     *
     * @param chunksRetried retry attempts after a failed first attempt, summed over chunks
     * @param bytesSent gzipped request bytes of all requests made
     * @param entriesTruncated entries cut and marked: to the vendor's per-event limit (message or correlation fields),
     *     or to fit a DLQ message; an entry cut for both counts once
     * @param vendorLatenciesMillis per answered request, in the order sent
     * @param deadLetterWritesFailed 1 when a failed chunk could not be written to the DLQ (the invocation then fails)
     */
    public record Summary(int chunks, int chunksDelivered, int chunksDeadLettered, int entriesDelivered,
            int chunksRetried, long bytesSent, int entriesTruncated, List<Long> vendorLatenciesMillis,
            int deadLetterWritesFailed) {

        /** Nothing handled: the invocation failed before its first chunk was sent. */
        public static Summary none() {
            return new Summary(0, 0, 0, 0, 0, 0, 0, List.of(), 0);
        }
    }
}
