package io.medplumlogs.deployment.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** With quarkus-opentelemetry, the logged traceId is the server span's trace-id, whichever header carried it. */
class OpenTelemetryPresentTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = OpenTelemetryApp.withJson(SpanResource.class);

    // A @CsvSource table of header cases, alike in shape to the other trace-header tables: each lists its own cases.
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "traceparent,     00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, 4bf92f3577b34da6a3ce929d0e0e4736",
            "X-Trace-Id,      0AF7651E-9F3B-4C2B-8D1A-1B2C3D4E5F60,                     0af7651e9f3b4c2b8d1a1b2c3d4e5f60",
            "X-Trace-Id,      11111111222222223333333344444444,                         11111111222222223333333344444444",
            "X-Amzn-Trace-Id, Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1,       5759e988bd862e3fe1be46a994272793",
            "X-Amzn-Trace-Id, Root=1-5759e988-bd862e3fe1be46a994272794;Parent=53995c3f42cd8ad8;Sampled=1, 5759e988bd862e3fe1be46a994272794" })
    void spanLogAndResponseAgree(String header, String value, String expected) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header(header, value).get("/span").andReturn();

            assertThat(response.asString()).isEqualTo(expected);
            assertThat(response.header("X-Trace-Id")).isEqualTo(expected);
            Ids.assertLinesCarry(response, console.json(m -> m.equals("inside span")));
            assertThat(console.json(m -> m.equals("inside span")))
                    .allSatisfy(line -> assertThat(line.get("spanId").asText()).matches("[0-9a-f]{16}"));
        }
    }

    @Test
    void traceparentStillWinsOverTheOthers() {
        Response response = given()
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("X-Trace-Id", "11111111222222223333333344444444")
                .header("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
                .get("/span").andReturn();

        assertThat(response.asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void withoutHeadersTheNewSpanDecides() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().get("/span").andReturn();

            assertThat(response.asString()).matches(Ids.HEX32).isEqualTo(response.header("X-Trace-Id"));
            Ids.assertLinesCarry(response, console.json(m -> m.equals("inside span")));
        }
    }
}
