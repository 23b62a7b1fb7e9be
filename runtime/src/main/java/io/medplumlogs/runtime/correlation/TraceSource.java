package io.medplumlogs.runtime.correlation;

/** Where a request's trace ID came from, in the order the log contract tries them. */
public enum TraceSource {
    /** W3C Trace Context {@code traceparent}. */
    TRACEPARENT,
    /** {@code X-Trace-Id}, set by clients and gateways that don't speak W3C. */
    X_TRACE_ID,
    /** {@code X-Amzn-Trace-Id} as set by ALB and X-Ray. */
    X_AMZN_TRACE_ID,
    /** None of the headers was valid: a new ID was made for this request. */
    GENERATED
}
