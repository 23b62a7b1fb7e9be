package io.medplumlogs.deployment.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An application on AWS that lists OpenTelemetry's {@code xray} propagator itself, after {@code tracecontext}: the
 * contract's rules still decide the span's trace. An {@code X-Amzn-Trace-Id} sent twice, or a {@code Rootx=} field,
 * never becomes the span's (and so the logged) trace ID, and {@code traceparent} still comes first.
 */
class OpenTelemetryXrayPropagatorTest {

    private static final String ONE = "Root=1-11111111-111111111111111111111111;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String TWO = "Root=1-22222222-222222222222222222222222;Parent=53995c3f42cd8ad8;Sampled=1";

    @RegisterExtension
    static final QuarkusUnitTest APP = OpenTelemetryApp.withJson(SpanResource.class)
            .overrideConfigKey("quarkus.otel.propagators", "tracecontext,baggage,xray");

    @Test
    void anAmznTraceIdSentTwiceRestartsTheTrace() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Amzn-Trace-Id", ONE).header("X-Amzn-Trace-Id", TWO)
                    .get("/span").andReturn();

            assertThat(response.asString()).matches(Ids.HEX32)
                    .isNotEqualTo("11111111111111111111111111111111")
                    .isNotEqualTo("22222222222222222222222222222222");
            assertThat(response.header("X-Trace-Id")).isEqualTo(response.asString());
            Ids.assertLinesCarry(response, console.json(m -> m.equals("inside span")));
        }
    }

    @Test
    void aRootxFieldIsNoRoot() {
        Response response = given().header("X-Amzn-Trace-Id", ONE + ";Rootx=1-22222222-222222222222222222222222")
                .get("/span").andReturn();

        assertThat(response.asString()).isEqualTo("11111111111111111111111111111111");
        assertThat(response.header("X-Trace-Id")).isEqualTo("11111111111111111111111111111111");
    }

    @Test
    void traceparentStillComesFirst() {
        Response response = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("X-Amzn-Trace-Id", ONE).get("/span").andReturn();

        assertThat(response.asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
