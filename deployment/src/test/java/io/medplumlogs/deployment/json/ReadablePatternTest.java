package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** Test and dev profiles default to a readable pattern that still shows both IDs. */
class ReadablePatternTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain();

    @Test
    void auditLineShowsItsFieldsReadably() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("User-Agent", "probe/1").get("/log/worker?tag=Simpson").andReturn();

            String line = awaitLine(console, "Request served");
            assertThat(line).contains("[" + response.header("X-Request-Id") + "|")
                    .contains("Request served method=GET path=/log/worker?tag=*** status=200 durationMs=")
                    .contains("ua=probe/1").doesNotContain("Simpson");
        }
    }

    private static String awaitLine(ConsoleLines console, String marker) {
        for (int i = 0; i < 200; i++) {
            var found = console.lines().stream().filter(l -> l.contains(marker)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no line with " + marker + " in " + console.lines());
    }

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
