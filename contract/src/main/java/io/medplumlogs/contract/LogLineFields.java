package io.medplumlogs.contract;

/**
 * Field names of our JSON log line (the log contract, {@code docs/.../audit-lines.adoc}) that the forwarder reads to
 * map a line onto each vendor's own attributes. The forwarder takes them from here, not as string literals; the
 * extension writes the same names.
 */
public final class LogLineFields {

    public static final String TIMESTAMP = "timestamp";
    public static final String LEVEL = "level";
    public static final String MSG = "msg";
    public static final String LOGGER = "logger";
    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String ERROR = "error";
    public static final String STACK = "stack";
    /** Set on a line the extension or the forwarder cut to a size limit. */
    public static final String TRUNCATED = "truncated";

    /** {@code msg} of the audit line written once per HTTP request. */
    public static final String REQUEST_SERVED = "Request served";
    /** HTTP method, e.g. {@code GET}. */
    public static final String METHOD = "method";
    /** Request path with the query's values redacted, e.g. {@code /fhir/R4/Patient?name=***}. */
    public static final String PATH = "path";
    /** HTTP response status (a number) on {@code Request served}; 408 when the client went away. */
    public static final String STATUS = "status";
    /** Request duration in milliseconds (a number). */
    public static final String DURATION_MS = "durationMs";
    /** Client IP. */
    public static final String IP = "ip";
    /** {@code User-Agent}. */
    public static final String USER_AGENT = "ua";
    /** When the request was received (ISO-8601). */
    public static final String RECEIVED_AT = "receivedAt";
    /** The authenticated user as the identity rule writes it (a keyed hash by default). */
    public static final String USER = "user";

    private LogLineFields() {
    }
}
