package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** The contract's fields, at the top level, one line per record. */
class JsonLineFieldsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void consoleFormatterIsTheJsonLine() {
        assertThat(ConsoleLines.consoleHandler().getFormatter()).isInstanceOf(JsonLineFormatter.class);
    }

    @Test
    void lineWithAnExceptionHasTheContractFields() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/log/error").andReturn();

            List<JsonNode> lines = console.json(m -> m.equals("handled failure"));
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("logger").asText()).endsWith("LoggingResource");
            assertThat(line.get("error").asText())
                    .isEqualTo("java.lang.IllegalStateException: disk \"full\"\nsecond line");
            assertThat(line.get("stack").asText()).contains("at io.medplumlogs.deployment.support.LoggingResource")
                    .contains("Caused by: java.io.IOException: root cause");
            assertThat(line.has("mdc")).isFalse();
            assertThat(line.has("truncated")).isFalse();
            Ids.assertLinesCarry(response, lines);
        }
    }

    @Test
    void applicationMdcKeysAreTopLevelAndCollisionsLose() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/mdc").then().statusCode(200);

            List<JsonNode> lines = console.json(m -> m.equals("with app MDC"));
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).get("tenant").asText()).isEqualTo("acme");
        }
    }
}
