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

class XAmznTraceIdSourceTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void rootOfAnAlbTraceHeaderBecomesTheTraceId() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given()
                    .header("X-Amzn-Trace-Id", "Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                    .get("/log/worker?tag=alb").andReturn();

            assertThat(response.header("X-Trace-Id")).isEqualTo("5759e988bd862e3fe1be46a994272793");
            Ids.assertLinesCarry(response, console.json(m -> m.endsWith(" alb")));
        }
    }
}
