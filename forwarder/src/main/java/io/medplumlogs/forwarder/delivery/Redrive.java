package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.vendors.Vendor;
import java.util.List;

/**
 * The redrive mode: re-send what waits in the DLQ and delete each message only once the vendor took it. A message that
 * fails again stays (hidden until its visibility timeout ends) for the next redrive; SQS retention bounds its life.
 */
public final class Redrive {

    private static final int BATCH = 10;

    private final Vendor vendor;
    private final VendorSender sender;
    private final DeadLetterQueue deadLetters;

    public Redrive(Vendor vendor, VendorSender sender, DeadLetterQueue deadLetters) {
        this.vendor = vendor;
        this.sender = sender;
        this.deadLetters = deadLetters;
    }

    public Summary run(Deadline deadline) {
        int redelivered = 0;
        int failed = 0;
        // hide received messages for the rest of this run so a failure is not picked up again in the same run
        int visibility = (int) Math.max(30, deadline.remainingMillis() / 1000 + 30);
        while (deadline.remainingMillis() > 1000) {
            List<DeadLetterQueue.Message> messages = deadLetters.receive(BATCH, visibility);
            if (messages.isEmpty()) {
                break;
            }
            for (DeadLetterQueue.Message message : messages) {
                if (redrive(message, deadline)) {
                    deadLetters.delete(message.receiptHandle());
                    redelivered++;
                } else {
                    failed++;
                }
            }
        }
        ForwarderLog.info("Redrive finished", "vendor", vendor.id(), "redelivered", redelivered, "stillFailing",
                failed);
        return new Summary(redelivered, failed);
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
        SendResult result = sender.send(decoded.chunk(), deadline);
        if (!result.delivered()) {
            ForwarderLog.warn("Redrive of a DLQ message failed; it stays in the queue", "vendor", vendor.id(),
                    "entries", decoded.chunk().entries().size(), "reason", result.detail());
        }
        return result.delivered();
    }

    public record Summary(int redelivered, int stillFailing) {
    }
}
