package io.medplumlogs.runtime;

import java.util.function.Function;

import org.jboss.logging.Logger;

import io.medplumlogs.runtime.config.MedplumLogsConfig;
import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.json.ConsoleJsonInstaller;
import io.medplumlogs.runtime.json.ConsoleJsonSettings;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
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
    public void installConsoleJson(LaunchMode launchMode) {
        MedplumLogsConfig cfg = config.getValue();
        int max = cfg.maxLineBytes();
        if (max < MedplumLogsConfig.MIN_LINE_BYTES || max > MedplumLogsConfig.MAX_LINE_BYTES) {
            throw new ConfigurationException("quarkus.medplum-logs.max-line-bytes must be between "
                    + MedplumLogsConfig.MIN_LINE_BYTES + " and " + MedplumLogsConfig.MAX_LINE_BYTES
                    + " (CloudWatch's event size limit), but is " + max);
        }
        if (!cfg.json().orElse(launchMode == LaunchMode.NORMAL)) {
            ConsoleJsonInstaller.installReadablePattern();
            return;
        }
        JsonConfig console = loggingJson.getValue().consoleJson();
        if (console.enabled().orElse(console.enable())) {
            LOG.warn("quarkus.log.console.json.enabled=true makes quarkus-logging-json write the console itself:"
                    + " requestId and traceId are then nested under \"mdc\" instead of at the top level."
                    + " Remove that property to get medplum-logs' JSON lines.");
            return;
        }
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(max), console, LOG::warn);
        ConsoleJsonInstaller.install(new JsonLineFormatter(layout), LOG::warn);
    }

    /** The first HTTP filter; with OpenTelemetry the server span's trace-id is the request's trace ID. */
    public Handler<RoutingContext> correlationFilter(boolean openTelemetry) {
        Function<MultiMap, RequestCorrelation> correlator = openTelemetry
                ? new io.medplumlogs.runtime.otel.SpanCorrelator()
                : CorrelationFilter::fromRequestHeaders;
        return new CorrelationFilter(correlator, config.getValue().responseHeaders());
    }
}
