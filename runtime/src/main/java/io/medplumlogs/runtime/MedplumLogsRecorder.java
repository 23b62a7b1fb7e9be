package io.medplumlogs.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.medplumlogs.runtime.audit.AuditLineLevels;
import io.medplumlogs.runtime.audit.ExcludedPaths;
import io.medplumlogs.runtime.audit.RequestAudit;
import io.medplumlogs.runtime.audit.Requesters;
import io.medplumlogs.runtime.config.ConsoleWriterConfig;
import io.medplumlogs.runtime.config.MedplumLogsConfig;
import io.medplumlogs.runtime.config.UserSettings;
import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.correlation.FailedBeforeRouting;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.fhir.FhirInteractionClassifier;
import io.medplumlogs.runtime.identity.UserIdentity;
import io.medplumlogs.runtime.json.BackgroundConsole;
import io.medplumlogs.runtime.json.ConsoleJsonInstaller;
import io.medplumlogs.runtime.json.ConsoleJsonSettings;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;
import io.medplumlogs.runtime.network.ClientAddress;
import io.medplumlogs.runtime.network.TrustedProxies;
import io.medplumlogs.runtime.otel.SpanCorrelator;
import io.medplumlogs.runtime.redaction.MessageRedaction;
import io.medplumlogs.runtime.redaction.QueryRedactor;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class MedplumLogsRecorder {

    private static final Logger LOG = Logger.getLogger("io.medplumlogs");

    private final RuntimeValue<MedplumLogsConfig> config;
    private final RuntimeValue<JsonLogConfig> loggingJson;

    public MedplumLogsRecorder(RuntimeValue<MedplumLogsConfig> config, RuntimeValue<JsonLogConfig> loggingJson) {
        this.config = config;
        this.loggingJson = loggingJson;
    }

    /**
     * Switches the console to our JSON line when JSON is on (see {@link ConsoleJsonInstaller} for why this happens
     * after logging set-up rather than through a console-format build item). When off, Quarkus' console pattern
     * shows both IDs unless the user chose their own format.
     */
    public void installConsoleJson(LaunchMode launchMode, ShutdownContext shutdown) {
        MedplumLogsConfig cfg = config.getValue();
        if (!cfg.json().orElse(jsonByDefault(launchMode))) {
            ConsoleJsonInstaller.installReadablePattern();
            return;
        }
        JsonConfig console = loggingJson.getValue().consoleJson();
        if (UserSettings.isSet("quarkus.log.console.json.enabled") && console.enabled().orElse(false)) {
            LOG.warn("quarkus.log.console.json.enabled=true makes quarkus-logging-json write the console itself:"
                    + " requestId and traceId are then nested under \"mdc\" instead of at the top level."
                    + " Remove that property to get medplum-logs' JSON lines.");
            return;
        }
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(cfg.maxLineBytes()), console,
                console.enabled().orElse(console.enable()), LOG::warn);
        MessageRedaction redaction = new MessageRedaction(configured("quarkus.medplum-logs.fhir.allowed-parameters",
                () -> new QueryRedactor(cfg.fhir().allowedParameters())), cfg.fhir().exceptionMessages());
        int consoles = ConsoleJsonInstaller.install(new JsonLineFormatter(layout, redaction), LOG::warn);
        ConsoleWriterConfig writer = cfg.consoleWriter();
        boolean stderr = ConfigProvider.getConfig().getOptionalValue("quarkus.log.console.stderr", Boolean.class)
                .orElse(false);
        if (writer.background() && consoles > 0) {
            BackgroundConsole background = configured("quarkus.medplum-logs.console-writer.queue-size",
                    () -> ConsoleJsonInstaller.installBackgroundWriter(stderr, writer.queueSize()));
            if (background != null) {
                shutdown.addLastShutdownTask(background::close);
            }
        } else if (consoles > 0) {
            ConsoleJsonInstaller.installDirectWriter(stderr);
        }
    }

    /**
     * JSON unless a dev or test profile is active: a prod jar started with {@code -Dquarkus.profile=dev} is read by
     * a person, one started with a custom profile such as {@code staging} by CloudWatch.
     */
    static boolean jsonByDefault(LaunchMode launchMode) {
        List<String> profiles = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return false;
        }
        return launchMode == LaunchMode.NORMAL;
    }

    /**
     * The first HTTP filter; with OpenTelemetry the server span's trace-id is the request's trace ID.
     *
     * @param nonApplicationRootPath Quarkus' resolved {@code /q/} path, excluded from audit lines by default
     * @param loginLines whether login lines are on (Quarkus security present, {@code login.enabled})
     */
    public Handler<RoutingContext> correlationFilter(boolean openTelemetry, String nonApplicationRootPath,
            boolean loginLines) {
        Function<MultiMap, RequestCorrelation> correlator = openTelemetry
                ? new SpanCorrelator()
                : CorrelationFilter::fromRequestHeaders;
        MedplumLogsConfig cfg = config.getValue();
        AuditLineLevels.check(cfg.audit().enabled(), loginLines);
        Requesters requesters = new Requesters(new ClientAddress(
                TrustedProxies.trusting(cfg.trustedProxies().orElse(List.of())), cfg.forwardingHeader()),
                userIdentity(cfg)).install();
        RequestAudit audit = cfg.audit().enabled() ? requestAudit(cfg, requesters, nonApplicationRootPath) : null;
        return new CorrelationFilter(correlator, cfg.responseHeaders(), audit == null ? null : audit::observe);
    }

    /**
     * The correlation filter as the first failure handler, for requests Vert.x Web fails before any route runs (no
     * {@code Host}, a target without {@code /}); see {@link FailedBeforeRouting}.
     */
    public Handler<RoutingContext> failedBeforeRouting(Handler<RoutingContext> correlationFilter) {
        return new FailedBeforeRouting(correlationFilter);
    }

    private RequestAudit requestAudit(MedplumLogsConfig cfg, Requesters requesters, String nonApplicationRootPath) {
        List<String> excluded = new ArrayList<>(cfg.audit().excludedPaths().orElse(List.of()));
        if (!cfg.audit().includeNonApplicationEndpoints() && nonApplicationRootPath != null
                && !nonApplicationRootPath.equals("/")) {
            excluded.add(nonApplicationRootPath);
        }
        return new RequestAudit(
                configured("quarkus.medplum-logs.fhir.base-paths",
                        () -> new FhirInteractionClassifier(cfg.fhir().basePaths())),
                configured("quarkus.medplum-logs.fhir.allowed-parameters",
                        () -> new QueryRedactor(cfg.fhir().allowedParameters())),
                cfg.audit().redactNonFhirQueries(), requesters,
                configured("quarkus.medplum-logs.audit.excluded-paths", () -> new ExcludedPaths(excluded)));
    }

    /** The identity rule; warns when hashes won't survive a restart. */
    private static UserIdentity userIdentity(MedplumLogsConfig cfg) {
        UserIdentity.Mode mode = cfg.userIdentity();
        UserIdentity identity = configured("quarkus.medplum-logs.user-identity-key",
                () -> UserIdentity.create(mode, cfg.userIdentityKey()));
        if (identity.isEphemeralKey() && mode == UserIdentity.Mode.HASH) {
            LOG.warn("quarkus.medplum-logs.user-identity-key is not set: user hashes in audit and login lines use a"
                    + " random key and change on every restart. Set a stable secret key to follow accounts over time.");
        } else if (identity.isEphemeralKey()) {
            LOG.warn("quarkus.medplum-logs.user-identity-key is not set: the hashed user names of failed logins use a"
                    + " random key and change on every restart. Set a stable secret key to count them over time.");
        }
        return identity;
    }

    /** Turns a bad value into a start-up failure that names the key. */
    private static <T> T configured(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), e);
        }
    }
}
