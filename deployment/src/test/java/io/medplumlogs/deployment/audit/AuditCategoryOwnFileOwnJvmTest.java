package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.LogFile;
import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Routing the audit category to a handler of its own, away from the console, is a valid set-up, not a way of
 * losing lines: the application starts and the lines land in that handler's file. Runs in a JVM of its own (see the
 * deployment pom): the handler attached to the category outlives the application in the JVM.
 */
class AuditCategoryOwnFileOwnJvmTest {

    private static final Path FILE = LogFile.fresh("audit-own-file");

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.handler.file.\"AUDIT\".enabled", "true")
            .overrideConfigKey("quarkus.log.handler.file.\"AUDIT\".path", FILE.toString())
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".handlers", "AUDIT")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".use-parent-handlers", "false");

    @Test
    void startsAndTheAuditFileHasTheLine() throws Exception {
        given().get("/log/worker?tag=own-file").then().statusCode(200);

        String text = LogFile.awaitContaining(FILE, "Request served");
        assertThat(text).contains("Request served").doesNotContain("on worker own-file");
    }
}
