package io.medplumlogs.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;

/**
 * An X-Ray propagator the application lists itself, before or after {@code tracecontext}: the span's trace is the one
 * the contract's order gives, and never one the contract rejects.
 */
class ContractXrayPropagatorTest {

    private static final String T = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String H = "11111111222222223333333344444444";
    private static final String ONE = "Root=1-11111111-111111111111111111111111;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String TWO = "Root=1-22222222-222222222222222222222222;Parent=53995c3f42cd8ad8;Sampled=1";

    private static final TextMapPropagator W3C = new ContractTracePropagator(W3CTraceContextPropagator.getInstance());
    private static final TextMapPropagator XRAY = new ContractXrayPropagator(AwsXrayPropagator.getInstance());

    @ParameterizedTest(name = "xray first: {0}")
    @ValueSource(booleans = { false, true })
    void theContractsOrderHoldsWhereverXrayIsListed(boolean xrayFirst) {
        TextMapPropagator propagators = xrayFirst ? TextMapPropagator.composite(XRAY, W3C)
                : TextMapPropagator.composite(W3C, XRAY);

        assertThat(traceId(propagators, Map.of("traceparent", List.of("00-" + T + "-00f067aa0ba902b7-01"),
                "X-Amzn-Trace-Id", List.of(ONE)))).isEqualTo(T);
        assertThat(traceId(propagators, Map.of("X-Trace-Id", List.of(H), "X-Amzn-Trace-Id", List.of(ONE))))
                .isEqualTo(H);
        assertThat(traceId(propagators, Map.of("X-Amzn-Trace-Id", List.of(ONE))))
                .isEqualTo("11111111111111111111111111111111");
        // a token X-Trace-Id wins (rule 2) though no span carries it: a new trace, not the X-Amzn-Trace-Id root
        assertThat(traceId(propagators, Map.of("X-Trace-Id", List.of("abc.DEF-123"), "X-Amzn-Trace-Id", List.of(ONE))))
                .isEqualTo("00000000000000000000000000000000");
        assertThat(traceId(propagators, Map.of("X-Amzn-Trace-Id", List.of("Root=1-11111111-111111111111111111111111"))))
                .isEqualTo("11111111111111111111111111111111");
        // rejected by the contract: no trace continued
        assertThat(traceId(propagators, Map.of("X-Amzn-Trace-Id", List.of(ONE, TWO)))).isEqualTo("00000000000000000000000000000000");
        assertThat(traceId(propagators, Map.of("X-Amzn-Trace-Id",
                List.of("Rootx=1-22222222-222222222222222222222222;Parent=53995c3f42cd8ad8;Sampled=1"))))
                .isEqualTo("00000000000000000000000000000000");
        assertThat(traceId(propagators, Map.of("X-Amzn-Trace-Id", List.of(ONE + ";Rootx=1-22222222-222222222222222222222222"))))
                .isEqualTo("11111111111111111111111111111111");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { ONE, "Root=1-11111111-111111111111111111111111" })
    void listedAloneItStillReadsOnlyWhatTheContractAccepts(String header) {
        String expected = header.contains("Parent") ? "11111111111111111111111111111111" : "00000000000000000000000000000000";
        assertThat(traceId(XRAY, Map.of("X-Amzn-Trace-Id", List.of(header)))).isEqualTo(expected);
        assertThat(traceId(XRAY, Map.of("X-Amzn-Trace-Id", List.of(header, header))))
                .isEqualTo("00000000000000000000000000000000");
    }

    /**
     * A traceparent the contract rejects is no source (rule 1 falls through): X-Amzn-Trace-Id's root is continued, as
     * the log's trace ID is, wherever xray is listed and also alone.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "alone", "first", "last" })
    void aTraceparentTheContractRejectsLeavesTheTraceToXAmznTraceId(String where) {
        TextMapPropagator propagators = where.equals("alone") ? XRAY
                : where.equals("first") ? TextMapPropagator.composite(XRAY, W3C) : TextMapPropagator.composite(W3C, XRAY);
        for (String traceparent : new String[] { "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-" + T.toUpperCase(java.util.Locale.ROOT) + "-00f067aa0ba902b7-01" }) {
            assertThat(traceId(propagators, Map.of("traceparent", List.of(traceparent), "X-Amzn-Trace-Id", List.of(ONE))))
                    .as(traceparent).isEqualTo("11111111111111111111111111111111");
        }
    }

    private static String traceId(TextMapPropagator propagator, Map<String, List<String>> headers) {
        Map<String, List<String>> carrier = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        carrier.putAll(headers);
        return Span.fromContext(propagator.extract(Context.root(), carrier, GETTER)).getSpanContext().getTraceId();
    }

    private static final TextMapGetter<Map<String, List<String>>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, List<String>> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, List<String>> carrier, String key) {
            List<String> values = carrier == null ? null : carrier.get(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Iterator<String> getAll(Map<String, List<String>> carrier, String key) {
            List<String> values = carrier == null ? null : carrier.get(key);
            return values == null ? List.<String>of().iterator() : values.iterator();
        }
    };
}
