package io.medplumlogs.runtime.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LineIdsTest {

    private static final String HEX = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final RequestCorrelation IDS = new RequestCorrelation("req-1", HEX, TraceSource.TRACEPARENT);

    @Test
    void anUntouchedRequestMdcIsWrittenAsItIs() {
        Map<String, Object> mdc = inRequest(IDS);

        assertThat(LineIds.resolve(mdc)).isSameAs(mdc);
    }

    @Test
    void anAppsOwnIdsAreKeptUnderAPrefixAndTheRequestsWin() {
        Map<String, Object> mdc = inRequest(IDS);
        mdc.put("requestId", "app-request");
        mdc.put("traceId", "app-trace");
        mdc.put("mdc.requestId", "the app's own prefixed key");

        Map<String, ?> line = LineIds.resolve(mdc);

        assertThat(line.get("requestId")).isEqualTo("req-1");
        assertThat(line.get("traceId")).isEqualTo(HEX);
        assertThat(line.get("mdc.requestId")).isEqualTo("the app's own prefixed key");
        assertThat(line.get("mdc.mdc.requestId")).isEqualTo("app-request");
        assertThat(line.get("mdc.traceId")).isEqualTo("app-trace");
        assertThat(line).doesNotContainKey(RequestCorrelation.MDC_KEY);
    }

    @Test
    void idsTheAppRemovedAreStillWritten() {
        Map<String, Object> mdc = inRequest(IDS);
        mdc.remove("requestId");
        mdc.remove("traceId");

        Map<String, ?> line = LineIds.resolve(mdc);

        assertThat(line.get("requestId")).isEqualTo("req-1");
        assertThat(line.get("traceId")).isEqualTo(HEX);
        assertThat(line.keySet()).noneMatch(key -> key.startsWith("mdc."));
    }

    @Test
    void withACallersTokenOpenTelemetrysTraceIdIsItsOwnField() {
        RequestCorrelation ids = new RequestCorrelation("req-1", "caller-token-1", TraceSource.X_TRACE_ID)
                .withOtelTraceId(HEX);
        Map<String, Object> mdc = inRequest(ids);
        mdc.put("traceId", HEX); // OpenTelemetry wrote its trace-id when a span became current

        Map<String, ?> line = LineIds.resolve(mdc);

        assertThat(line.get("traceId")).isEqualTo("caller-token-1");
        assertThat(line.get("otelTraceId")).isEqualTo(HEX);
        assertThat(line.keySet()).noneMatch(key -> key.startsWith("mdc."));
    }

    @Test
    void anAppsOtelTraceIdNeverPassesForOpenTelemetrys() {
        Map<String, Object> mdc = inRequest(IDS);
        mdc.put("otelTraceId", "app-value");

        Map<String, ?> line = LineIds.resolve(mdc);

        assertThat(line).doesNotContainKey("otelTraceId");
        assertThat(line.get("mdc.otelTraceId")).isEqualTo("app-value");

        Map<String, ?> outside = LineIds.resolve(Map.of("otelTraceId", "app-value"));

        assertThat(outside).doesNotContainKey("otelTraceId");
        assertThat(outside.get("mdc.otelTraceId")).isEqualTo("app-value");
    }

    @Test
    void outsideARequestAnAppsIdsAreTheLinesIds() {
        Map<String, Object> mdc = Map.of("requestId", "job-7", "traceId", "job-trace");

        assertThat(LineIds.resolve(mdc)).isSameAs(mdc);
    }

    /** The MDC as {@link CorrelationFilter} leaves it. */
    private static Map<String, Object> inRequest(RequestCorrelation ids) {
        Map<String, Object> mdc = new HashMap<>();
        mdc.put("requestId", ids.requestId());
        mdc.put("traceId", ids.traceId());
        if (ids.otelTraceId() != null) {
            mdc.put("otelTraceId", ids.otelTraceId());
        }
        mdc.put(RequestCorrelation.MDC_KEY, ids);
        mdc.put("tenant", "acme");
        return mdc;
    }
}
