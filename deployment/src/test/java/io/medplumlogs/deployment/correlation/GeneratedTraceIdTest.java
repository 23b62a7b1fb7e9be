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

class GeneratedTraceIdTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void withoutTraceHeadersEachRequestGetsItsOwnNewIds() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response first = given().get("/log/worker?tag=one").andReturn();
            Response second = given().get("/log/worker?tag=two").andReturn();

            assertThat(first.header("X-Trace-Id")).matches(Ids.HEX32).isNotEqualTo(second.header("X-Trace-Id"));
            assertThat(first.header("X-Request-Id")).isNotEqualTo(second.header("X-Request-Id"));
            Ids.assertLinesCarry(first, console.json(m -> m.endsWith(" one")));
            Ids.assertLinesCarry(second, console.json(m -> m.endsWith(" two")));
        }
    }
}
