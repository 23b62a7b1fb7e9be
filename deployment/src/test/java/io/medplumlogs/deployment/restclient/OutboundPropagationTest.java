package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/** Without OpenTelemetry, REST client calls carry the request's trace as traceparent and X-Trace-Id. */
class OutboundPropagationTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(EchoResource.class, EchoClient.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment",
                    TestApp.quarkusVersion())));

    @Test
    void outboundCallCarriesTheTrace() {
        String echoed = given().header("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736").get("/outbound").asString();

        String[] headers = echoed.split(" ", 3);
        assertThat(headers[0]).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
        assertThat(headers[1]).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void nonHexTraceIdTravelsAsXTraceIdOnly() {
        String echoed = given().header("X-Trace-Id", "order-4711").get("/outbound").asString();

        assertThat(echoed).isEqualTo("null order-4711 ");
    }
}
