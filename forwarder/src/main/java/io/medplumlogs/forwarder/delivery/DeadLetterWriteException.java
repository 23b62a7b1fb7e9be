package io.medplumlogs.forwarder.delivery;

/**
 * A chunk failed at the vendor and could not be written to the DLQ either: the only case in which an invocation fails,
 * handing the event to Lambda's async retry and on-failure destination. Carries what the invocation did up to then, so
 * that its metrics line is still written before the invocation fails.
 */
public class DeadLetterWriteException extends RuntimeException {

    private final transient Delivery.Summary partial;

    public DeadLetterWriteException(String message, Throwable cause, Delivery.Summary partial) {
        super(message, cause);
        this.partial = partial;
    }

    /** Counts of the chunks handled before the failure; {@code deadLetterWritesFailed} is 1. */
    public Delivery.Summary partial() {
        return partial;
    }
}
