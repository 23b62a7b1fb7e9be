package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** {@code response-headers=false}: no {@code X-Request-Id} / {@code X-Trace-Id} on responses; the lines keep the IDs. */
class ResponseHeadersOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.response-headers", "false");

    @Test
    void responsesCarryNoIdHeadersButLinesCarryIds() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response ok = given().get("/log/worker?tag=no-headers").andReturn();
            Response notFound = given().get("/no-such-page").andReturn();

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(notFound.statusCode()).isEqualTo(404);
            for (Response response : List.of(ok, notFound)) {
                assertThat(response.headers().hasHeaderWithName("X-Request-Id")).isFalse();
                assertThat(response.headers().hasHeaderWithName("X-Trace-Id")).isFalse();
            }
            JsonNode line = console.json(m -> m.equals("on worker no-headers")).get(0);
            assertThat(line.path("requestId").asText()).matches(Ids.UUID);
            assertThat(line.path("traceId").asText()).matches(Ids.HEX32);
        }
    }
}
