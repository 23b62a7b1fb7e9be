package io.medplumlogs.deployment;

import java.util.List;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.runtime.MedplumLogsRecorder;
import io.medplumlogs.runtime.audit.AuditLineLevels;
import io.medplumlogs.runtime.config.MedplumLogsBuildConfig;
import io.medplumlogs.runtime.json.ConsoleJsonSettings;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.LogCategoryBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.logging.LoggingSetupBuildItem;
import io.quarkus.undertow.deployment.HttpHandlerWrapperBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

final class MedplumLogsProcessor {

    // (Constant declarations: alike in shape to other constant lists, each its own name.)
    private static final String FEATURE = "medplum-logs";
    private static final String LOGGING_JSON_CONSOLE = "quarkus.log.console.json.";

    /*
     * By name, not class literal: these classes link against optional extensions (OpenTelemetry, REST client) and
     * must not be loaded at build time when those are absent.
     */
    private static final String TRACE_PROPAGATOR_CUSTOMIZER = "io.medplumlogs.runtime.otel.TracePropagatorCustomizer";
    private static final String OUTBOUND_TRACE_HEADERS = "io.medplumlogs.runtime.restclient.OutboundTraceHeaders";
    private static final String LOGIN_ATTEMPT_LOGGER = "io.medplumlogs.runtime.security.LoginAttemptLogger";

    /**
     * The highest: runs before CORS (300), authentication (200) and authorization (100), so that their responses
     * (401, 403) and everything they log already carry the request's IDs, and before Vert.x' body handler, which
     * Quarkus installs at {@code RouteConstants.ROUTE_ORDER_BODY_HANDLER} (order {@code Integer.MIN_VALUE + 1}) when an
     * extension asks for it and which answers a body over {@code quarkus.http.limits.max-body-size} with 413 without
     * calling the next handler. Filters are routed at order {@code -priority}, and added before the body handler, so
     * at the same order this one runs first.
     */
    private static final int CORRELATION_FILTER_PRIORITY = Integer.MAX_VALUE;

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Records logged before {@link #consoleJson} runs (those buffered during static init, the banner, early start-up
     * lines) are formatted by whatever console formatter Quarkus set up. In prod that is logging-json's, shaped as
     * close to our line as its settings allow, so even they are one JSON object per line; dev and test keep
     * Quarkus' readable pattern. These are only defaults: the user's own values win.
     */
    @BuildStep
    List<RunTimeConfigurationDefaultBuildItem> earlyConsoleDefaults() {
        return List.of(new RunTimeConfigurationDefaultBuildItem(LOGGING_JSON_CONSOLE + "enabled", "true"),
                new RunTimeConfigurationDefaultBuildItem("%dev." + LOGGING_JSON_CONSOLE + "enabled", "false"),
                new RunTimeConfigurationDefaultBuildItem("%test." + LOGGING_JSON_CONSOLE + "enabled", "false"),
                new RunTimeConfigurationDefaultBuildItem(LOGGING_JSON_CONSOLE + "key-overrides",
                        "MESSAGE=" + LogLineFields.MSG + ",LOGGER_NAME=" + LogLineFields.LOGGER),
                new RunTimeConfigurationDefaultBuildItem(LOGGING_JSON_CONSOLE + "excluded-keys",
                        "sequence,loggerClassName,threadName,threadId,hostName,processName,processId,mdc,ndc"),
                new RunTimeConfigurationDefaultBuildItem(LOGGING_JSON_CONSOLE + "date-format",
                        ConsoleJsonSettings.CONTRACT_DATE_FORMAT),
                new RunTimeConfigurationDefaultBuildItem(LOGGING_JSON_CONSOLE + "zone-id", ConsoleJsonSettings.CONTRACT_ZONE));
    }

    /**
     * After Quarkus set up its handlers, the console gets the JSON line. Every record logged before this runs is
     * written in Quarkus' text pattern, so it runs as early as it can: right after logging set-up, before servlets
     * start (they may log from {@code init}, e.g. HAPI FHIR's FhirContext) and before our own start-up warnings.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(LoggingSetupBuildItem.class)
    @Produce(HttpHandlerWrapperBuildItem.class) // ordering only: Undertow's boot consumes these
    ConsoleJsonInstalledBuildItem consoleJson(MedplumLogsRecorder recorder, LaunchModeBuildItem launchMode,
            ShutdownContextBuildItem shutdown) {
        recorder.installConsoleJson(launchMode.getLaunchMode(), shutdown);
        return new ConsoleJsonInstalledBuildItem();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void correlationFilter(MedplumLogsRecorder recorder, Capabilities capabilities,
            MedplumLogsBuildConfig config, NonApplicationRootPathBuildItem nonApplicationRoot,
            ConsoleJsonInstalledBuildItem consoleReady, BuildProducer<FilterBuildItem> filters) {
        Handler<RoutingContext> filter = recorder.correlationFilter(
                capabilities.isPresent(Capability.OPENTELEMETRY_TRACER), nonApplicationRoot.getNonApplicationRootPath(),
                loginLinesOn(capabilities, config));
        filters.produce(new FilterBuildItem(filter, CORRELATION_FILTER_PRIORITY));
        // Vert.x Web fails some requests before the first route runs (no Host header, a target without '/'): the
        // filter runs for them as the first failure handler (order Integer.MIN_VALUE + 2, before authentication's)
        filters.produce(FilterBuildItem.ofPreAuthenticationFailureHandler(recorder.failedBeforeRouting(filter)));
    }

    /** Login lines observe Quarkus security events; without security, or when off, there is no observer. */
    @BuildStep
    AdditionalBeanBuildItem loginAttempts(Capabilities capabilities, MedplumLogsBuildConfig config) {
        return loginLinesOn(capabilities, config) ? AdditionalBeanBuildItem.unremovableOf(LOGIN_ATTEMPT_LOGGER) : null;
    }

    /**
     * Audit and login lines are written at INFO whatever the root level is ({@code quarkus.log.level=WARN} must not
     * take the audit trail with it); the user's own category level still wins, and is checked at start-up (see
     * {@code AuditLineLevels}).
     */
    @BuildStep
    List<LogCategoryBuildItem> auditLineLevels() {
        return AuditLineLevels.CATEGORIES.stream()
                .map(category -> new LogCategoryBuildItem(category, AuditLineLevels.LINE_LEVEL)).toList();
    }

    private static boolean loginLinesOn(Capabilities capabilities, MedplumLogsBuildConfig config) {
        return capabilities.isPresent(Capability.SECURITY) && config.login().enabled();
    }

    /** With OpenTelemetry, X-Trace-Id and X-Amzn-Trace-Id feed the span's extraction. */
    @BuildStep
    AdditionalBeanBuildItem tracePropagator(Capabilities capabilities) {
        return capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)
                ? AdditionalBeanBuildItem.unremovableOf(TRACE_PROPAGATOR_CUSTOMIZER)
                : null;
    }

    /**
     * REST client calls carry traceparent and X-Trace-Id, unless OpenTelemetry traces the request (then its client
     * instrumentation does): decided per call, since OpenTelemetry can be present and switched off at run time.
     */
    @BuildStep
    AdditionalIndexedClassesBuildItem outboundTraceHeaders(Capabilities capabilities) {
        boolean restClient = capabilities.isPresent(Capability.REST_CLIENT_REACTIVE)
                || capabilities.isPresent(Capability.REST_CLIENT);
        return restClient ? new AdditionalIndexedClassesBuildItem(OUTBOUND_TRACE_HEADERS) : null;
    }
}
