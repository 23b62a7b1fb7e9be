package io.medplumlogs.maven.model;

import io.medplumlogs.contract.ForwarderContract;

/**
 * The sizing and safety defaults of a generated forwarder, kept in one place: the goal's parameters, the help, the
 * docs and the tests all read them from here, so a benchmark that refines a number changes one line.
 *
 * <p>Strings because annotation values ({@code @Parameter(defaultValue = ...)}) must be compile-time constants.
 */
public final class Defaults {

    /** The forwarder's sizing, from its contract (see the reasons there). */
    public static final String MEMORY_MB = "" + ForwarderContract.DEFAULT_MEMORY_MB;
    public static final String TIMEOUT_SECONDS = "" + ForwarderContract.DEFAULT_TIMEOUT_SECONDS;
    /** Retention of the forwarder's own log group. */
    public static final String LOG_RETENTION_DAYS = "30";
    /** Lambda's async retries after the first attempt (0–2). */
    public static final String RETRY_ATTEMPTS = "2";
    /** The longest Lambda may keep an async event (6 h, the maximum) before it goes to the dead-letter queue. */
    public static final String MAX_EVENT_AGE_SECONDS = "21600";
    /** How often the redrive mode re-sends what waits in the dead-letter queue. */
    public static final String REDRIVE_SCHEDULE = "rate(15 minutes)";
    /** Failed logins within five minutes, across all subscribed log groups, that raise the alarm. */
    public static final String FAILED_LOGIN_THRESHOLD = "20";
    /** The function's instruction set (arm64 = Graviton, or x86_64). */
    public static final String ARCHITECTURE = ForwarderContract.DEFAULT_ARCHITECTURE;
    /** Lambda SnapStart on the published version the triggers invoke. */
    public static final String SNAP_START = "true";
    /** Output formats. */
    public static final String FORMATS = "cloudformation,terraform";
    /** Prefix of the function name; the vendor id is appended. */
    public static final String FUNCTION_NAME_PREFIX = "medplum-logs-";

    private Defaults() {
    }
}
