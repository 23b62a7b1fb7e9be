package io.medplumlogs.deployment.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With quarkus-opentelemetry, a trace header sent twice is as invalid as without it (contract: ambiguous, falls
 * through): the span does not continue either value, and the span, the log and the response agree. For
 * {@code traceparent} this is also what the W3C test suite expects (test_traceparent_duplicated: a new trace-id).
 */
class OpenTelemetryRepeatedHeaderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = OpenTelemetryApp.withJson(SpanResource.class);

    // A @CsvSource table of header cases, alike in shape to the other trace-header tables: each lists its own cases.
    @ParameterizedTest(name = "{0} twice")
    @CsvSource(delimiter = '|', value = {
            "traceparent     | 00-11111111111111111111111111111111-00f067aa0ba902b7-01 | 00-22222222222222222222222222222222-00f067aa0ba902b7-01",
            "traceparent     | 00-11111111111111111111111111111111-00f067aa0ba902b7-01 | 00-11111111111111111111111111111111-00f067aa0ba902b7-01",
            "X-Trace-Id      | 11111111111111111111111111111111                        | 22222222222222222222222222222222",
            "X-Amzn-Trace-Id | Root=1-11111111-111111111111111111111111;Sampled=1       | Root=1-22222222-222222222222222222222222;Sampled=1" })
    void theTraceRestarts(String header, String first, String second) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header(header, first).header(header, second).get("/span").andReturn();

            String spanTraceId = response.asString();
            assertThat(spanTraceId).matches(Ids.HEX32)
                    .isNotEqualTo("11111111111111111111111111111111")
                    .isNotEqualTo("22222222222222222222222222222222");
            assertThat(response.header("X-Trace-Id")).isEqualTo(spanTraceId);
            Ids.assertLinesCarry(response, console.json(m -> m.equals("inside span")));
        }
    }

    // Same request shape as OpenTelemetryPresentTest's precedence test, with a repeated header: its own case.
    @Test
    void aRepeatedTraceparentFallsThroughToXTraceId() {
        Response response = given()
                .header("traceparent", "00-11111111111111111111111111111111-00f067aa0ba902b7-01")
                .header("traceparent", "00-22222222222222222222222222222222-00f067aa0ba902b7-01")
                .header("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .get("/span").andReturn();

        assertThat(response.asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
