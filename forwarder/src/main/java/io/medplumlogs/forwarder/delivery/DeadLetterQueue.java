package io.medplumlogs.forwarder.delivery;

import java.util.List;

/** Where undeliverable chunks wait for a redrive: an SQS queue in production. */
public interface DeadLetterQueue {

    /** Writes one message within {@code timeoutMillis}; throws if the queue did not take it in that time. */
    void send(String body, long timeoutMillis);

    /**
     * Takes up to {@code max} messages, hidden from other readers for {@code visibilitySeconds}, within
     * {@code timeoutMillis}; throws if the queue did not answer in that time.
     */
    List<Message> receive(int max, int visibilitySeconds, long timeoutMillis);

    /** Deletes a received message within {@code timeoutMillis}; throws if the queue did not confirm it in that time. */
    void delete(String receiptHandle, long timeoutMillis);

    record Message(String body, String receiptHandle) {
    }
}
