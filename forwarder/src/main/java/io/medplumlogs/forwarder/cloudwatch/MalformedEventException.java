package io.medplumlogs.forwarder.cloudwatch;

/** The invocation payload is not a CloudWatch Logs subscription event (nor a redrive request). */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
