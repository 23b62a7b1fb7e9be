package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.ConsoleLines;
import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** Test and dev profiles default to a readable pattern that still shows both IDs. */
class ReadablePatternTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain();

    @Test
    void patternLineShowsRequestAndTraceId() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/log/worker?tag=readable").andReturn();

            String line = console.lines().stream().filter(l -> l.contains("on worker readable")).findFirst().orElseThrow();
            assertThat(line).doesNotStartWith("{")
                    .contains("[" + response.header("X-Request-Id") + "|" + response.header("X-Trace-Id") + "]");
        }
    }
}
