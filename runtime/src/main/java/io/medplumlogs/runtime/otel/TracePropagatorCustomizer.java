package io.medplumlogs.runtime.otel;

import jakarta.inject.Singleton;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/**
 * Replaces OpenTelemetry's W3C propagator by {@link ContractTracePropagator}, and an X-Ray propagator the application
 * lists itself by {@link ContractXrayPropagator} (it reads a header the contract has rules for). Registered as a bean
 * only when the application has {@code quarkus-opentelemetry}; other propagators the user configured (baggage, b3,
 * ...) stay.
 */
@Singleton
public class TracePropagatorCustomizer implements TextMapPropagatorCustomizer {

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        if (propagator instanceof W3CTraceContextPropagator) {
            return new ContractTracePropagator(propagator);
        }
        // quarkus.otel.propagators=...,xray: left alone it would read X-Amzn-Trace-Id raw and could replace the trace
        // the contract decided (a header sent twice, a Rootx= field, a traceparent listed before it)
        return propagator instanceof AwsXrayPropagator ? new ContractXrayPropagator(propagator) : propagator;
    }
}
