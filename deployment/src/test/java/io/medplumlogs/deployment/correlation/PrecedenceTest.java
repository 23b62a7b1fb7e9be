package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/** First valid source wins; an invalid source falls through to the next. */
class PrecedenceTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String X_TRACE_ID = "11111111222222223333333344444444";
    private static final String AMZN = "Root=1-5759e988-bd862e3fe1be46a994272793";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain();

    @Test
    void traceparentBeatsTheOthers() {
        assertThat(traceIdFor(TRACEPARENT, X_TRACE_ID, AMZN)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void xTraceIdBeatsAmzn() {
        assertThat(traceIdFor(null, X_TRACE_ID, AMZN)).isEqualTo(X_TRACE_ID);
    }

    @Test
    void invalidTraceparentFallsThroughToXTraceId() {
        assertThat(traceIdFor("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", X_TRACE_ID, AMZN))
                .isEqualTo(X_TRACE_ID);
    }

    @Test
    void invalidTraceparentAndXTraceIdFallThroughToAmzn() {
        assertThat(traceIdFor("garbage", "not valid!", AMZN)).isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    private static String traceIdFor(String traceparent, String xTraceId, String amzn) {
        var request = given();
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        request.header("X-Trace-Id", xTraceId).header("X-Amzn-Trace-Id", amzn);
        return request.get("/log/event-loop").header("X-Trace-Id");
    }
}
