package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application quietened to warnings (root level WARN, the extension's own category at ERROR) still writes every
 * audit and login line: they are the audit trail, not chatter, and are turned off only with their own switches. Runs in
 * a JVM of its own (see the deployment pom): a category level outlives the application in the JVM.
 */
class AuditLinesUnderQuietLevelsOwnJvmTest {

    private static final String PASSWORD = "quiet-levels-pw";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), PASSWORD)
            .overrideConfigKey("quarkus.log.level", "WARN")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs\".level", "ERROR");

    @Test
    void requestServedAndLoginLinesAreWrittenWhateverTheRootLevel() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", PASSWORD).get("/secured").then().statusCode(200);
            given().get("/log/worker?tag=quiet").then().statusCode(200);

            assertThat(console.await(m -> m.equals("Login succeeded"), 1)).hasSize(1);
            assertThat(console.await(m -> m.equals("Request served"), 2)).hasSize(2)
                    .allSatisfy(line -> assertThat(line.get("level").asText()).isEqualTo("INFO"));
            // the app's own INFO lines are still quietened: only the audit categories were lifted
            assertThat(console.json(m -> m.contains("quiet"))).isEmpty();
        }
    }
}
