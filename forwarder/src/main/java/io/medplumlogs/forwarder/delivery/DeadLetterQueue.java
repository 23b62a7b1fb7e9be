package io.medplumlogs.forwarder.delivery;

import java.util.List;

/** Where undeliverable chunks wait for a redrive: an SQS queue in production. */
public interface DeadLetterQueue {

    /** Writes one message within {@code timeoutMillis}; throws if the queue did not take it in that time. */
    void send(String body, long timeoutMillis);

    /** Takes up to {@code max} messages, hidden from other readers for {@code visibilitySeconds}. */
    List<Message> receive(int max, int visibilitySeconds);

    void delete(String receiptHandle);

    record Message(String body, String receiptHandle) {
    }
}
