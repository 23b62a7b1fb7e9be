package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * index.adoc: in the prod profile every log record is one JSON line on stdout; audit-lines.adoc: the audit category
 * may be routed to a handler of its own. A console handler configured by name is stdout too: it wrote the audit lines
 * as pattern text ("... Request served method=GET path=..."), without IDs, which no query of the contract finds.
 */
class NamedConsoleHandlerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.handler.console.\"AUDIT\".enable", "true")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".handlers", "AUDIT")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".use-parent-handlers", "false");

    @Test
    void theAuditCategorysOwnConsoleWritesTheJsonLine() throws Exception {
        ConsoleHandler audit = auditConsole();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        audit.setOutputStream(written);

        String requestId = given().get("/log/worker?tag=x").then().statusCode(200).extract().header("X-Request-Id");

        audit.flush();
        String text = written.toString(StandardCharsets.UTF_8);
        JsonNode served = ConsoleLines.parse(text); // exactly one JSON line
        assertThat(served.get("msg").asText()).isEqualTo("Request served");
        assertThat(served.get("requestId").asText()).isEqualTo(requestId);
        assertThat(served.get("path").asText()).isEqualTo("/log/worker?tag=***");
    }

    private static ConsoleHandler auditConsole() {
        for (Handler handler : Logger.getLogger("io.medplumlogs.audit").getHandlers()) {
            if (handler instanceof ConsoleHandler console) {
                return console;
            }
        }
        throw new AssertionError("no console handler on io.medplumlogs.audit");
    }
}
