package io.medplumlogs.runtime.restclient;

/**
 * Whether OpenTelemetry is tracing the current request, without needing OpenTelemetry on the classpath: with it on
 * and a span current, its client instrumentation injects {@code traceparent} itself; with it absent, or present but
 * switched off at run time ({@code quarkus.otel.sdk.disabled=true}, whose spans are never valid), nobody else would.
 */
final class OpenTelemetrySpans {

    private static final boolean ON_CLASSPATH = onClasspath();

    private OpenTelemetrySpans() {
    }

    static boolean tracingNow() {
        return ON_CLASSPATH && Current.valid();
    }

    private static boolean onClasspath() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, OpenTelemetrySpans.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when OpenTelemetry's API is there. */
    private static final class Current {
        static boolean valid() {
            return io.opentelemetry.api.trace.Span.current().getSpanContext().isValid();
        }
    }
}
