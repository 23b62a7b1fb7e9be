package io.medplumlogs.runtime.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.medplumlogs.runtime.identity.UserIdentity;
import io.medplumlogs.runtime.network.ForwardingHeader;
import io.medplumlogs.runtime.network.ProxyRange;
import io.quarkus.runtime.annotations.ConfigDocEnum;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
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
     * When unset: on in prod (what CloudWatch should receive), off when the `dev` or `test` profile is active,
     * where a readable pattern that still shows `requestId` and `traceId` is used instead. Set it per profile to override, e.g.
     * `%dev.quarkus.medplum-logs.json=true`.
     * <p>
     * The JSON line honours these `quarkus.log.console.json.*` settings of `quarkus-logging-json`:
     * `excluded-keys`, `additional-field.*`, `key-overrides`, `date-format`, `zone-id` and `record-delimiter`.
     * Settings that would break the one-line contract (`pretty-print=true`, a `log-format` other than `default`)
     * are never applied to the JSON line; where logging-json's console formatter is on (the prod default) they stop
     * start-up, since it would apply them to the start-up lines it formats itself, elsewhere they are reported with a
     * warning.
     */
    Optional<@WithConverter(OnOffConverter.class) Boolean> json();

    /**
     * Upper bound of one JSON line in bytes (UTF-8, up to the line feed that ends it: what a
     * `quarkus.log.console.json.record-delimiter` puts before its line feed, the carriage return of `\r\n`, counts);
     * it holds exactly, whatever the record and its MDC hold. A longer record is shortened by cutting `stack`, then
     * `msg`, then `error`; if other values (e.g. huge MDC values) still overflow, every value is cut to the same
     * length. The line is marked `"truncated": true` and stays valid JSON.
     * <p>
     * The default is Docker's 16 KiB split size, so that the awslogs driver never splits a line into two
     * CloudWatch events. Accepted range: 1024 to 1048576 (CloudWatch's event size limit); any other value stops
     * start-up with a message naming the key and the range.
     */
    @WithDefault("16384")
    @WithConverter(LineBytesConverter.class)
    int maxLineBytes();

    /**
     * Add `X-Request-Id` and `X-Trace-Id` headers to every HTTP response, including 401, 404 and 500 responses.
     */
    @WithDefault("true")
    @WithConverter(OnOffConverter.class)
    boolean responseHeaders();

    /** The `Request served` audit line written for every HTTP request. */
    Audit audit();

    /** How JSON lines are written to stdout. */
    ConsoleWriterConfig consoleWriter();

    /** How FHIR requests are recognised and classified. */
    Fhir fhir();

    /**
     * How the `user` field of audit and login lines identifies an account.
     * <p>
     * `hash` (default) writes the first 16 hex characters of HMAC-SHA256(`user-identity-key`, user name): the same
     * account always gives the same value, so one user's requests can be followed without writing who they are.
     * `plain` writes the user name, `none` leaves the field out. A `Login failed` line's `user` is the hash of the
     * name the client typed in both `hash` and `plain`: it is unverified and may be a password. Values are read in
     * any case.
     */
    @WithDefault("hash")
    @WithConverter(EnumConverter.UserIdentityMode.class)
    // the converter reads the same hyphenated names SmallRye would; show them, not the constants
    @ConfigDocEnum(enforceHyphenateValues = true)
    UserIdentity.Mode userIdentity();

    /**
     * Key of the `hash` identity rule (and of the typed-name hash on failed logins with `plain`). Keep it secret and
     * stable (e.g. from a secret store via an environment variable): without it, a random key is made at start-up, a
     * warning is logged, and hashes change on every restart.
     */
    Optional<String> userIdentityKey();

    /**
     * Proxies whose `X-Forwarded-For` / `Forwarded` headers are believed, as CIDRs or addresses (IPv4 and IPv6),
     * e.g. your VPC range behind an ALB: `10.0.0.0/16`. The client `ip` is the socket peer unless the peer is one of
     * these; a forwarding header from any other peer is ignored, so it cannot be spoofed (also when Quarkus'
     * `quarkus.http.proxy.proxy-address-forwarding` is on). Which header is read: `forwarding-header`. Default: none.
     * Host bits below the prefix are ignored (`10.1.2.3/8` means `10.0.0.0/8`); an entry that is not a CIDR or an
     * IP address (a host name, `10.0.0.0/33`, `010.0.0.1`) stops start-up with a message naming it.
     */
    Optional<List<@WithConverter(ProxyRangeConverter.class) ProxyRange>> trustedProxies();

    /**
     * The forwarding header the trusted proxies write; the other one is never read, since a proxy passes a
     * client's copy of it through unchanged.
     * <p>
     * `prefer-forwarded` (default) reads RFC 7239 `Forwarded` when a trusted peer sent one, else `X-Forwarded-For`.
     * `x-forwarded-for` reads only `X-Forwarded-For`: set it behind an AWS ALB, nginx, Envoy or Traefik, which append
     * to `X-Forwarded-For` but forward a client's own `Forwarded` header as sent. `forwarded` reads only `Forwarded`.
     * Quarkus' `quarkus.http.proxy.*` settings do not change the logged `ip`. Values are read in any case.
     */
    @WithDefault("prefer-forwarded")
    @WithConverter(EnumConverter.ForwardingHeaders.class)
    // the converter reads the same hyphenated names SmallRye would; show them, not the constants
    @ConfigDocEnum(enforceHyphenateValues = true)
    ForwardingHeader forwardingHeader();

    interface Audit {
        /**
         * Write one `Request served` line per HTTP request, when its response completes. This is their only off
         * switch: they are written at INFO whatever `quarkus.log.level` says, and log settings that would keep them
         * from every writing handler (category level or min-level, handler levels, an async handler set to
         * `overflow=discard`) stop the application at start-up.
         */
        @WithDefault("true")
        @WithConverter(OnOffConverter.class)
        boolean enabled();

        /**
         * Path prefixes that get no `Request served` line, e.g. `/health,/favicon.ico`. A prefix covers whole path
         * segments (`/health` covers `/health` and `/health/live`, not `/healthcare`) of the path as the router
         * serves it (unreserved characters percent-decoded, `.` and `..` segments resolved, `//` merged), so
         * `/health/../admin` is audited. Each entry must be an absolute path. Quarkus' non-application endpoints
         * (`/q/*` by default) are always excluded; set `include-non-application-endpoints` to audit them.
         */
        Optional<List<String>> excludedPaths();

        /** Also audit Quarkus' non-application endpoints (health, metrics, dev UI under `/q`). */
        @WithDefault("false")
        @WithConverter(OnOffConverter.class)
        boolean includeNonApplicationEndpoints();

        /**
         * Redact query values of non-FHIR requests the same way as FHIR search parameters. Turn off only for APIs
         * whose query strings can never carry personal data.
         */
        @WithDefault("true")
        @WithConverter(OnOffConverter.class)
        boolean redactNonFhirQueries();
    }

    interface Fhir {
        /** Path prefixes of FHIR REST APIs; requests below them get `interaction`, `resourceType`, ... fields. */
        @WithDefault("/fhir/R4")
        List<String> basePaths();

        /**
         * Search parameters whose values are logged as sent, because they shape the result rather than identify a
         * person. Every other parameter value is written as `***`. Setting this replaces the default list. The
         * default parameters keep a value only in their FHIR shape (`_count` digits, `_summary` its codes, ...;
         * `_count=Simpson` is written `_count=***`); parameters you add keep any URL-safe value.
         */
        @WithDefault("_count,_sort,_summary,_elements,_include,_revinclude,_total,_format,_offset,_page,_pretty,"
                + "_contained,_containedType,_getpagesoffset,_getpages,_bundletype")
        Set<String> allowedParameters();

        /**
         * Write the messages of HAPI FHIR's exceptions as they are. By default (`false`) the JSON line reduces the
         * message of a FHIR server exception (HAPI's `BaseServerResponseException` family, e.g.
         * `InvalidRequestException`, `ResourceNotFoundException`, `UnprocessableEntityException`, and the parser's
         * `DataFormatException`) to its `HAPI-nnnn` codes and HTTP status, e.g.
         * `ResourceNotFoundException: HAPI-0971 (HTTP 404, details redacted)`, in `msg`, `error` and `stack`
         * (causes included): these messages quote values from the request, such as `Invalid attribute value
         * "1956-13-45"` or `Resource Patient/Homer.Simpson is not known`. Likewise in any message from HAPI's code
         * and colon on (`HAPI-1940: ...`, a HAPI message quoted without its class, as HAPI's `LoggingInterceptor`
         * writes `${exceptionMessage}`).
         * <p>
         * Turn on only where logs may hold patient data, e.g. a development environment with synthetic data. Query
         * strings of URLs inside messages are redacted either way.
         */
        @WithDefault("false")
        @WithConverter(OnOffConverter.class)
        boolean exceptionMessages();
    }
}
