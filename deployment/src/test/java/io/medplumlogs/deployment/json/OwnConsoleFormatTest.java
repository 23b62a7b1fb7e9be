package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** index.adoc, Dev and test: "A quarkus.log.console.format of your own wins over the readable default". */
class OwnConsoleFormatTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain()
            .overrideConfigKey("quarkus.log.console.format", "OWN-FORMAT %c %s rid=%X{requestId}%n");

    @Test
    void theAppsPatternIsUsedWithJsonOff() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            String requestId = given().get("/log/worker?tag=own-format").andReturn().header("X-Request-Id");

            String line = console.lines().stream().filter(l -> l.contains("on worker own-format")).findFirst()
                    .orElseThrow(() -> new AssertionError("no app line in " + console.lines()));
            assertThat(line).startsWith("OWN-FORMAT ").endsWith(" rid=" + requestId + "\n")
                    .doesNotContain("[" + requestId + "|");
        }
    }
}
