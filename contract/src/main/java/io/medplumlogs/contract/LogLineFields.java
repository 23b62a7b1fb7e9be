package io.medplumlogs.contract;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every field name a JSON log line of ours can write, and the sets the code checks names against: the one list of
 * the log contract's names (the human-readable contract is {@code docs/modules/ROOT/pages/log-contract.adoc}). The
 * extension writes these names and the forwarder reads them; neither re-types them as string literals. Besides
 * these, a line carries the application's MDC keys and the {@code additional-field} names the user configures, which
 * are not ours to list.
 */
public final class LogLineFields {

    // Constant declarations, one per field name: the one place they are spelled.
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

    /**
     * OpenTelemetry's trace-id, only when {@code traceId} is not that trace-id (a caller's non-hex
     * {@code X-Trace-Id} token).
     */
    public static final String OTEL_TRACE_ID = "otelTraceId";

    /** FHIR restful-interaction code on {@code Request served} under a FHIR base, e.g. {@code read}. */
    public static final String INTERACTION = "interaction";
    /** {@code true} (a boolean) for conditional create, update, patch and delete; absent otherwise. */
    public static final String CONDITIONAL = "conditional";
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String RESOURCE_ID = "resourceId";
    public static final String VERSION_ID = "versionId";
    /** FHIR operation name, e.g. {@code $everything}. */
    public static final String OPERATION = "operation";
    /** Compartment of a compartment search, e.g. {@code Patient/123}. */
    public static final String COMPARTMENT = "compartment";

    /** {@code msg} of a successful login attempt. */
    public static final String LOGIN_SUCCEEDED = "Login succeeded";
    /** {@code msg} of a failed login attempt. */
    public static final String LOGIN_FAILED = "Login failed";
    /** {@link #OUTCOME_SUCCESS} or {@link #OUTCOME_FAILURE} on a login line. */
    public static final String OUTCOME = "outcome";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_FAILURE = "failure";
    /** The {@code Authorization} scheme word, {@code form}, {@code oidc} or {@code unknown}. */
    public static final String MECHANISM = "mechanism";
    /** A failed login's exception class simple name, never its message. */
    public static final String REASON = "reason";

    /**
     * Prefix of an MDC key named like a field of ours: the line keeps its own field and writes the MDC value as
     * {@code mdc.<key>}.
     */
    public static final String MDC_PREFIX = "mdc.";

    /** The record's own fields, which the user may rename ({@code quarkus.log.console.json.key-overrides}). */
    public static final Set<String> RECORD = Set.of(TIMESTAMP, LEVEL, MSG, LOGGER, ERROR, STACK);

    /** The correlation IDs: the extension's and OpenTelemetry's MDC keys, written from the MDC (or the request). */
    public static final Set<String> CORRELATION = Set.of(REQUEST_ID, TRACE_ID, SPAN_ID, OTEL_TRACE_ID);

    /** FHIR fields of {@code Request served}, written when the path is under a FHIR base. */
    public static final Set<String> FHIR = Set.of(INTERACTION, CONDITIONAL, RESOURCE_TYPE, RESOURCE_ID, VERSION_ID,
            OPERATION, COMPARTMENT);

    /** Fields of the {@code Request served} line besides the record's and the correlation IDs. */
    public static final Set<String> REQUEST_SERVED_FIELDS = union(
            Set.of(METHOD, PATH, STATUS, DURATION_MS, IP, USER_AGENT, RECEIVED_AT, USER), FHIR);

    /** Fields of the {@code Login succeeded} / {@code Login failed} lines besides the record's and the IDs. */
    public static final Set<String> LOGIN_FIELDS = Set.of(OUTCOME, MECHANISM, USER, IP, USER_AGENT, REASON);

    /**
     * Every field the audit and login lines write, present on a given line or not. An MDC key of one of these names
     * would pass for the line's own field, so the JSON line never writes it under that name on any line.
     */
    public static final Set<String> AUDIT_FIELDS = union(REQUEST_SERVED_FIELDS, LOGIN_FIELDS);

    /** Every name of this class a line can carry (the contract's names before any {@code key-overrides}). */
    public static final Set<String> ALL = union(union(RECORD, CORRELATION), union(Set.of(TRUNCATED), AUDIT_FIELDS));

    private LogLineFields() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
