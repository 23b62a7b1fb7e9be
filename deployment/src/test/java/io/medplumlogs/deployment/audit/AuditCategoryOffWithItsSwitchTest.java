package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** With audit lines turned off by their own switch, a quiet audit category is consistent and the app starts. */
class AuditCategoryOffWithItsSwitchTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.audit.enabled", "false")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".level", "WARN");

    @Test
    void startsAndWritesNoRequestServedLine() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/worker?tag=off").then().statusCode(200);
            assertThat(console.await(m -> m.contains("off"), 1)).hasSize(1);
            assertThat(console.json(m -> m.equals("Request served"))).isEmpty();
        }
    }
}
