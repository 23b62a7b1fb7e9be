package io.medplumlogs.forwarder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The redrive mode: re-send what waits in the DLQ and delete each message only once the vendor took it. A message that
 * fails again stays (hidden until its visibility timeout ends) for the next redrive; SQS retention bounds its life.
 *
 * <p>Then, when the function has one, the Lambda on-failure destination queue: each record there is an invocation
 * Lambda gave up on, carrying the original CloudWatch Logs payload in {@code requestPayload}. It is delivered as a
 * fresh invocation would be (chunks that fail again go to the DLQ) and deleted once every chunk was delivered or
 * dead-lettered.
 *
 * <p>A message handled but whose delete then fails stays in its queue, and the next redrive handles it again: a
 * duplicate at the vendor that no order of delivery and delete avoids (SQS has no delete that could be undone). It is
 * counted apart, and the rest of its queue waits for the next redrive: while deletes fail, each further message
 * handled would be one more duplicate.
 */
public final class Redrive {

    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vendor vendor;
    private final VendorSender sender;
    private final DeadLetterQueue deadLetters;
    private final Delivery delivery;
    private final Optional<DeadLetterQueue> onFailure;
    private final Predicate<String> skippedLogGroup;
    private final BiConsumer<SubscriptionEvent, Delivery.Summary> batchDone;

    /**
     * @param onFailure the Lambda on-failure destination queue, if the function has one
     * @param skippedLogGroup log groups never forwarded (the forwarder's own)
     * @param batchDone told about every recovered invocation (also one that failed half-way), for its metrics line
     */
    public Redrive(Vendor vendor, VendorSender sender, DeadLetterQueue deadLetters, Delivery delivery,
            Optional<DeadLetterQueue> onFailure, Predicate<String> skippedLogGroup,
            BiConsumer<SubscriptionEvent, Delivery.Summary> batchDone) {
        this.batchDone = batchDone;
        this.vendor = vendor;
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.delivery = delivery;
        this.onFailure = onFailure;
        this.skippedLogGroup = skippedLogGroup;
    }

    public Summary run(Deadline deadline) {
        Tally messages = new Tally();
        try {
            drain(deadLetters, "DLQ message delivered", deadline,
                    m -> redrive(m, deadline) ? Outcome.DONE : Outcome.LEFT, messages);
        } catch (RuntimeException e) {
            // on-failure records whose chunks all get delivered need no DLQ: recover those anyway
            ForwarderLog.error("DLQ cannot be read; its messages wait for the next redrive", e);
        }
        Tally records = new Tally();
        try {
            onFailure.ifPresent(queue -> drain(queue, "On-failure record recovered", deadline,
                    r -> recover(r, deadline), records));
        } catch (RuntimeException e) {
            ForwarderLog.error("On-failure queue cannot be read; its records wait for the next redrive", e);
        }
        ForwarderLog.info("Redrive finished", "vendor", vendor.id(), "redelivered", messages.done, "stillFailing",
                messages.left, "redeliveredNotDeleted", messages.notDeleted, "invocationsRecovered", records.done,
                "invocationsStillFailing", records.left, "invocationsRecoveredNotDeleted", records.notDeleted);
        return new Summary(messages.done, messages.left, records.done, records.left, messages.notDeleted,
                records.notDeleted);
    }

    private static int visibility(Deadline deadline) {
        return (int) Math.max(30, deadline.remainingMillis() / 1000 + 30);
    }

    private boolean redrive(DeadLetterQueue.Message message, Deadline deadline) {
        DeadLetterCodec.Decoded decoded;
        try {
            decoded = DeadLetterCodec.decode(message.body());
        } catch (RuntimeException e) {
            ForwarderLog.error("DLQ message is not a medplum-logs chunk; left in the queue", e);
            return false;
        }
        if (decoded.vendor() != vendor) {
            ForwarderLog.warn("DLQ message is for another vendor; left in the queue", "messageVendor",
                    decoded.vendor().id(), "vendor", vendor.id());
            return false;
        }
        try {
            // one chunk, or several when entries stored above the per-event limit the deployment has now go in parts:
            // the message is deleted only once all were taken (else all are sent again next time: at-least-once)
            for (Chunk chunk : delivery.forRedrive(decoded.chunk())) {
                SendResult result = sender.send(chunk, deadline);
                if (!result.delivered()) {
                    ForwarderLog.warn("Redrive of a DLQ message failed; it stays in the queue", "vendor", vendor.id(),
                            "entries", decoded.chunk().entries().size(), "reason", result.detail());
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            // e.g. an entry that is not JSON (a hand-made message): it must not stop the messages behind it
            ForwarderLog.error("DLQ message cannot be redriven; left in the queue", e, "vendor", vendor.id());
            return false;
        }
    }

    /**
     * Receives, handles and deletes what is done, until the queue is empty, time runs out, or a write or delete fails.
     * Counts every message received into {@code tally} (kept when the queue fails half-way); {@code handled} names a
     * message handled, for the line when its delete fails.
     */
    private static void drain(DeadLetterQueue queue, String handled, Deadline deadline,
            Function<DeadLetterQueue.Message, Outcome> handle, Tally tally) {
        // hide received messages for the rest of this run so a failure is not picked up again in the same run
        int visibility = visibility(deadline);
        while (deadline.remainingMillis() > 1000) {
            List<DeadLetterQueue.Message> messages = queue.receive(BATCH, visibility, deadline.queueCallMillis());
            if (messages.isEmpty()) {
                break;
            }
            for (int i = 0; i < messages.size(); i++) {
                DeadLetterQueue.Message message = messages.get(i);
                // the rest of the batch stays hidden until its visibility timeout ends: left for the next redrive
                int behind = messages.size() - i - 1;
                if (deadline.remainingMillis() <= 1000) {
                    // out of time: handled now, an on-failure record's chunks could only go to the DLQ, and again on
                    // the next try if its DLQ writes were cut off by the invocation's end
                    tally.left++;
                    continue;
                }
                Outcome outcome = handle.apply(message);
                if (outcome == Outcome.DONE) {
                    try {
                        queue.delete(message.receiptHandle(), deadline.queueCallMillis());
                    } catch (RuntimeException e) {
                        tally.notDeleted++;
                        tally.left += behind;
                        ForwarderLog.error(handled + " but could not be deleted: the next redrive sends it again;"
                                + " the rest of the queue waits for that redrive", e);
                        return;
                    }
                    tally.done++;
                } else {
                    tally.left++;
                    if (outcome == Outcome.STOP) {
                        // the DLQ refuses writes: stop here, so fewer chunks are delivered again next time
                        tally.left += behind;
                        return;
                    }
                }
            }
        }
    }

    private enum Outcome { DONE, LEFT, STOP }

    /** What became of the messages one queue's redrive received. */
    private static final class Tally {
        /** Handled and deleted. */
        int done;
        /** Still in the queue for the next redrive: failed again, unreadable, or not tried. */
        int left;
        /** Handled, but the delete failed: still in the queue, and handled again by the next redrive. */
        int notDeleted;
    }

    private Outcome recover(DeadLetterQueue.Message record, Deadline deadline) {
        JsonNode node;
        try {
            node = JSON.readTree(record.body());
        } catch (IOException e) {
            node = null;
        }
        JsonNode payload = node == null ? null : node.get("requestPayload");
        if (payload == null || !payload.isObject()) {
            ForwarderLog.warn("On-failure queue message is not a Lambda invocation record with a requestPayload; "
                    + "left in the queue");
            return Outcome.LEFT;
        }
        // RetriesExhausted or EventAgeExceeded: why Lambda gave up, for the log line
        String condition = node.path("requestContext").path("condition").asText("");
        if (!payload.has("awslogs")) {
            // e.g. a scheduled redrive invocation that failed: nothing of the user's logs to deliver
            ForwarderLog.info("On-failure record carries no CloudWatch Logs payload; deleted", "condition",
                    condition);
            return Outcome.DONE;
        }
        SubscriptionEvent event;
        try {
            event = SubscriptionEventDecoder.decode(payload);
        } catch (RuntimeException e) {
            ForwarderLog.error("On-failure record's payload is not a readable CloudWatch Logs event; left in the queue",
                    e, "condition", condition);
            return Outcome.LEFT;
        }
        if (event.isControlMessage() || skippedLogGroup.test(event.logGroup())) {
            return Outcome.DONE;
        }
        try {
            // chunk failures inside go to the DLQ, so once deliver returns every entry is delivered or dead-lettered
            batchDone.accept(event, delivery.deliver(event, deadline));
        } catch (DeadLetterWriteException e) {
            batchDone.accept(event, e.partial());
            return Outcome.STOP;
        } catch (RuntimeException e) {
            // e.g. no usable secret after a restore: this record waits for the next redrive (chunks it delivered
            // before the failure are then sent again: at-least-once); it says nothing of the records behind it
            ForwarderLog.error("On-failure record could not be redelivered; left in the queue", e, "logGroup",
                    event.logGroup(), "events", event.logEvents().size(), "condition", condition);
            batchDone.accept(event, Delivery.Summary.none());
            return Outcome.LEFT;
        }
        ForwarderLog.info("Recovered an invocation from the on-failure queue", "logGroup", event.logGroup(),
                "events", event.logEvents().size(), "condition", condition);
        return Outcome.DONE;
    }

    /**
     * @param redelivered DLQ messages delivered and deleted
     * @param stillFailing DLQ messages left in the queue
     * @param invocationsRecovered on-failure records delivered (or dead-lettered) and deleted
     * @param invocationsStillFailing on-failure records left in their queue
     * @param redeliveredNotDeleted DLQ messages delivered whose delete failed: still in the DLQ, sent again next time
     * @param invocationsRecoveredNotDeleted on-failure records recovered whose delete failed: recovered again next time
     */
    public record Summary(int redelivered, int stillFailing, int invocationsRecovered, int invocationsStillFailing,
            int redeliveredNotDeleted, int invocationsRecoveredNotDeleted) {
    }
}
