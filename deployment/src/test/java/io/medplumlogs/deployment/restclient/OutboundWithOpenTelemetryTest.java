package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** With OpenTelemetry, its client instrumentation alone propagates: one traceparent, same trace, no X-Trace-Id. */
class OutboundWithOpenTelemetryTest {

    private static final String VERSION = TestApp.quarkusVersion();

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
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

    // W3C Trace Context Level 1 §3.3: several tracestate fields are combined (RFC 7230 §3.2.2) before use;
    // OpenTelemetry's server getter alone would see only the first. §3.5: the combined value is sent on.
    @Test
    void severalTracestateFieldsReachOpenTelemetryCombined() {
        String echoed = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("tracestate", "foo=1,bar=2").header("tracestate", "baz=3")
                .get("/outbound").asString();

        String[] headers = echoed.split(" ", 3);
        assertThat(headers[0]).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
        assertThat(headers[2]).isEqualTo("foo=1,bar=2,baz=3");
    }

    // log-contract.adoc, otel-token: a verbatim token stays the request's trace ID, but outbound calls carry
    // OpenTelemetry's traceparent only (the span's own trace), not the token.
    @Test
    void aTokenTraceIdDoesNotTravel() {
        Response response = given().header("X-Trace-Id", "abc.DEF-123").get("/outbound")
                .andReturn();

        String[] headers = response.asString().split(" ", 3);
        assertThat(response.header("X-Trace-Id")).isEqualTo("abc.DEF-123");
        assertThat(headers[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(headers[1]).isEqualTo("null");
        assertThat(response.asString()).doesNotContain("abc.DEF-123");
    }
}
