package io.medplumlogs.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * medplum-logs: request and trace IDs on every log line, CloudWatch-ready JSON, PHI-safe audit lines.
 */
@ConfigMapping(prefix = "quarkus.medplum-logs")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface MedplumLogsConfig {

    /** Smallest accepted {@code max-line-bytes}: room for the fixed fields of a line. */
    int MIN_LINE_BYTES = 1024;
    /** Largest accepted {@code max-line-bytes}: CloudWatch Logs rejects bigger events. */
    int MAX_LINE_BYTES = 1024 * 1024;

    /**
     * Write every console log record as one JSON line (the log contract: `timestamp`, `level`, `msg`, `logger`,
     * `requestId`, `traceId`, `spanId`, `error`, `stack` and other MDC keys at the top level).
     * <p>
     * When unset: on in the prod profile (what CloudWatch should receive), off in dev and test, where a readable
     * pattern that still shows `requestId` and `traceId` is used instead. Set it per profile to override, e.g.
     * `%dev.quarkus.medplum-logs.json=true`.
     * <p>
     * The JSON line honours these `quarkus.log.console.json.*` settings of `quarkus-logging-json`:
     * `excluded-keys`, `additional-field.*`, `key-overrides`, `date-format`, `zone-id` and `record-delimiter`.
     * Settings that would break the one-line contract (`pretty-print`, `log-format`) are reported at start-up
     * with a warning and not applied.
     */
    Optional<Boolean> json();

    /**
     * Upper bound of one JSON line in bytes (UTF-8, without the line delimiter). A longer record is shortened by
     * cutting `stack`, then `msg`, and is marked `"truncated": true`; it stays valid JSON.
     * <p>
     * The default is Docker's 16 KiB split size, so that the awslogs driver never splits a line into two
     * CloudWatch events. Accepted range: 1024 to 1048576 (CloudWatch's event size limit).
     */
    @WithDefault("16384")
    int maxLineBytes();

    /**
     * Add `X-Request-Id` and `X-Trace-Id` headers to every HTTP response, including 401, 404 and 500 responses.
     */
    @WithDefault("true")
    boolean responseHeaders();
}
