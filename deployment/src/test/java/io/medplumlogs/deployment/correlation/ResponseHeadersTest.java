package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** X-Request-Id and X-Trace-Id on success and on the error responses Quarkus writes itself. */
class ResponseHeadersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void onSuccess() {
        Response response = given().get("/log/event-loop").andReturn();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).matches(Ids.UUID);
        assertThat(response.header("X-Trace-Id")).matches(Ids.HEX32);
    }

    @Test
    void onNoRoute() {
        Response response = given().header("X-Trace-Id", "lost-404").get("/no/such/route").andReturn();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.header("X-Request-Id")).matches(Ids.UUID);
        assertThat(response.header("X-Trace-Id")).isEqualTo("lost-404");
    }

    @Test
    void onUnhandledExceptionAndItsErrorLineCarriesTheSameIds() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", "boom-500").get("/log/boom").andReturn();

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.header("X-Trace-Id")).isEqualTo("boom-500");
            var errorLines = console.json().stream()
                    .filter(n -> n.path("stack").asText().contains("unhandled on purpose")).toList();
            Ids.assertLinesCarry(response, errorLines);
        }
    }
}
