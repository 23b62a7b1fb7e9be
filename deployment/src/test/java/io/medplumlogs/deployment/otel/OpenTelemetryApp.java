package io.medplumlogs.deployment.otel;

import java.util.List;
import java.util.stream.Stream;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/** The JSON test app with quarkus-opentelemetry: spans are made, nothing is exported. */
final class OpenTelemetryApp {

    private OpenTelemetryApp() {
    }

    static QuarkusUnitTest withJson(Class<?>... extra) {
        // this class joins the application: the test class's static initializer runs again inside it
        Class<?>[] classes = Stream.concat(Stream.of(extra), Stream.of(OpenTelemetryApp.class)).toArray(Class<?>[]::new);
        return TestApp.withJson(classes)
                .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment",
                        TestApp.quarkusVersion())))
                .overrideConfigKey("quarkus.otel.traces.exporter", "none")
                .overrideConfigKey("quarkus.otel.metrics.enabled", "false")
                .overrideConfigKey("quarkus.otel.logs.enabled", "false");
    }
}
