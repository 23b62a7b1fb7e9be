package io.medplumlogs.forwarder.delivery;

/**
 * A chunk failed at the vendor and could not be written to the DLQ either: the only case in which an invocation fails,
 * handing the event to Lambda's async retry and on-failure destination.
 */
public class DeadLetterWriteException extends RuntimeException {

    public DeadLetterWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
