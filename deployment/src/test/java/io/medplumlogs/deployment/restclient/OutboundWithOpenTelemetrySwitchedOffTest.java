package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * quarkus-opentelemetry on the classpath, its SDK switched off at run time: OpenTelemetry injects nothing, so the
 * outbound call still carries the request's trace from medplum-logs.
 */
class OutboundWithOpenTelemetrySwitchedOffTest {

    private static final String VERSION = TestApp.quarkusVersion();

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(EchoResource.class, EchoClient.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment", VERSION),
                    Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment", VERSION)))
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true");

    @Test
    void outboundCallsStillCarryTheTrace() {
        Response r = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/outbound").andReturn();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.header("X-Trace-Id")).as("response").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        soft.assertThat(r.asString()).as("outbound").startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        // X-Trace-Id travels only from medplum-logs' filter: it, not OpenTelemetry, carried the trace
        soft.assertThat(r.asString().split(" ")[1]).as("outbound X-Trace-Id")
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        soft.assertAll();
    }
}
