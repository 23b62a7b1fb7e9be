package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class TraceparentSourceTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void traceIdOfAValidTraceparentIsTheRequestsTraceId() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given()
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .get("/log/worker?tag=tp").andReturn();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            Ids.assertLinesCarry(response, console.json(m -> m.endsWith(" tp")));
        }
    }
}
