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
        int[] messages = new int[2];
        try {
            drain(deadLetters, deadline, m -> redrive(m, deadline) ? Outcome.DONE : Outcome.LEFT, messages);
        } catch (RuntimeException e) {
            // on-failure records whose chunks all get delivered need no DLQ: recover those anyway
            ForwarderLog.error("DLQ cannot be read; its messages wait for the next redrive", e);
        }
        int[] records = new int[2];
        try {
            onFailure.ifPresent(queue -> drain(queue, deadline, r -> recover(r, deadline), records));
        } catch (RuntimeException e) {
            ForwarderLog.error("On-failure queue cannot be read; its records wait for the next redrive", e);
        }
        ForwarderLog.info("Redrive finished", "vendor", vendor.id(), "redelivered", messages[0], "stillFailing",
                messages[1], "invocationsRecovered", records[0], "invocationsStillFailing", records[1]);
        return new Summary(messages[0], messages[1], records[0], records[1]);
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
        SendResult result;
        try {
            result = sender.send(delivery.restampForRedrive(decoded.chunk()), deadline);
        } catch (RuntimeException e) {
            // e.g. an entry that is not JSON (a hand-made message): it must not stop the messages behind it
            ForwarderLog.error("DLQ message cannot be redriven; left in the queue", e, "vendor", vendor.id());
            return false;
        }
        if (!result.delivered()) {
            ForwarderLog.warn("Redrive of a DLQ message failed; it stays in the queue", "vendor", vendor.id(),
                    "entries", decoded.chunk().entries().size(), "reason", result.detail());
        }
        return result.delivered();
    }

    /**
     * Receives, handles and deletes what is done, until the queue is empty or time runs out. Counts into
     * {@code counts}: {done and deleted, left in the queue}, kept when the queue fails half-way.
     */
    private static void drain(DeadLetterQueue queue, Deadline deadline,
            Function<DeadLetterQueue.Message, Outcome> handle, int[] counts) {
        // hide received messages for the rest of this run so a failure is not picked up again in the same run
        int visibility = visibility(deadline);
        while (deadline.remainingMillis() > 1000) {
            List<DeadLetterQueue.Message> messages = queue.receive(BATCH, visibility);
            if (messages.isEmpty()) {
                break;
            }
            for (DeadLetterQueue.Message message : messages) {
                if (deadline.remainingMillis() <= 1000) {
                    // out of time: the rest of the batch waits, hidden, for the next redrive; handled now, an
                    // on-failure record's chunks could only go to the DLQ, and again on the next try if its DLQ
                    // writes were cut off by the invocation's end
                    counts[1]++;
                    continue;
                }
                Outcome outcome = handle.apply(message);
                if (outcome == Outcome.DONE) {
                    queue.delete(message.receiptHandle());
                    counts[0]++;
                } else {
                    counts[1]++;
                    if (outcome == Outcome.STOP) {
                        // the DLQ refuses writes: stop here, so fewer chunks are delivered again next time
                        return;
                    }
                }
            }
        }
    }

    private enum Outcome { DONE, LEFT, STOP }

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
            batchDone.accept(event, delivery.redeliver(event, deadline));
        } catch (DeadLetterWriteException e) {
            batchDone.accept(event, e.partial());
            return Outcome.STOP;
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
     */
    public record Summary(int redelivered, int stillFailing, int invocationsRecovered, int invocationsStillFailing) {
    }
}
