package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/** First valid source wins; an invalid source falls through to the next. */
class PrecedenceTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String X_TRACE_ID = "11111111222222223333333344444444";
    private static final String AMZN = "Root=1-5759e988-bd862e3fe1be46a994272793";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(RawHttp.class);

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

    /**
     * Contract: a header sent twice is ambiguous and invalid. Header names are case-insensitive, so two spellings of
     * one name are the same header sent twice (a client cannot pick one of two values by the case of its name).
     */
    @Test
    void aSourceSentTwiceUnderNamesOfDifferentCaseFallsThrough() throws Exception {
        String other = "00-22222222222222222222222222222222-00f067aa0ba902b7-01";
        assertThat(rawTraceIdFor("traceparent: " + TRACEPARENT + "\r\nTraceParent: " + other + "\r\nX-Trace-Id: "
                + X_TRACE_ID)).isEqualTo(X_TRACE_ID);
        assertThat(rawTraceIdFor("X-Trace-Id: " + X_TRACE_ID + "\r\nx-trace-id: 55555555666666667777777788888888\r\n"
                + "X-Amzn-Trace-Id: " + AMZN)).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(rawTraceIdFor("X-Amzn-Trace-Id: " + AMZN + "\r\nx-amzn-trace-id: Root=1-11111111-222222223333333344444444"))
                .matches(Ids.HEX32).isNotIn("5759e988bd862e3fe1be46a994272793", "11111111222222223333333344444444");
    }

    private static String rawTraceIdFor(String traceHeaders) throws Exception {
        RawHttp.Response response = RawHttp.sendAsIs("GET /log/event-loop HTTP/1.1\r\nHost: localhost\r\n" + traceHeaders
                + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        return response.header("X-Trace-Id");
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
