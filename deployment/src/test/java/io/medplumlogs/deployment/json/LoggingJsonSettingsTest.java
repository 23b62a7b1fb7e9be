package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** The user's quarkus.log.console.json.* settings still apply to our line. */
class LoggingJsonSettingsTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.json.excluded-keys", "logger")
            .overrideConfigKey("quarkus.log.console.json.key-overrides", "message=message")
            .overrideConfigKey("quarkus.log.console.json.additional-field.service.value", "fhir-api")
            .overrideConfigKey("quarkus.log.console.json.additional-field.shard.value", "7")
            .overrideConfigKey("quarkus.log.console.json.additional-field.shard.type", "int");

    @Test
    void excludedKeysRenamesAndAdditionalFieldsApply() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/worker?tag=settings").then().statusCode(200);

            JsonNode line = console.json().stream()
                    .filter(n -> n.path("message").asText().endsWith(" settings")).findFirst().orElseThrow();
            assertThat(line.has("logger")).isFalse();
            assertThat(line.has("msg")).isFalse();
            assertThat(line.get("service").asText()).isEqualTo("fhir-api");
            assertThat(line.get("shard").isInt()).isTrue();
            assertThat(line.get("requestId").asText()).isNotEmpty();
        }
    }
}
