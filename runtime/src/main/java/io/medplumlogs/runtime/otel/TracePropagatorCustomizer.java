package io.medplumlogs.runtime.otel;

import jakarta.inject.Singleton;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/**
 * Replaces OpenTelemetry's W3C propagator by {@link ContractTracePropagator}. Registered as a bean only when the
 * application has {@code quarkus-opentelemetry}; other propagators the user configured (baggage, b3, ...) stay.
 */
@Singleton
public class TracePropagatorCustomizer implements TextMapPropagatorCustomizer {

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        return propagator instanceof W3CTraceContextPropagator ? new ContractTracePropagator(propagator) : propagator;
    }
}
