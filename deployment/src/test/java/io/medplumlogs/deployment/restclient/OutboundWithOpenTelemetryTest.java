package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/** With OpenTelemetry, its client instrumentation alone propagates: one traceparent, same trace, no X-Trace-Id. */
class OutboundWithOpenTelemetryTest {

    private static final String VERSION = TestApp.quarkusVersion();

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(EchoResource.class, EchoClient.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment", VERSION),
                    Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment", VERSION)))
            .overrideConfigKey("quarkus.otel.traces.exporter", "none")
            .overrideConfigKey("quarkus.otel.metrics.enabled", "false")
            .overrideConfigKey("quarkus.otel.logs.enabled", "false");

    @Test
    void onlyOpenTelemetrysTraceparentGoesOut() {
        String echoed = given().header("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736").get("/outbound").asString();

        String[] headers = echoed.split(" ", 3);
        assertThat(headers[0]).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[01]");
        assertThat(headers[1]).isEqualTo("null");
    }
}
