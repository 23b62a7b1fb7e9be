package io.medplumlogs.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * With OpenTelemetry the server span reads the trace headers through the log contract's rules: a header the contract
 * rejects is not there for the span either (its value would otherwise become the logged trace ID), tracestate reaches
 * it as the contract forwards it, and a trace another propagator already found is left alone.
 */
class ContractTracePropagatorTest {

    private static final String T = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String H = "11111111222222223333333344444444";

    private final ContractTracePropagator propagator = new ContractTracePropagator(
            W3CTraceContextPropagator.getInstance());

    @Test
    void aTraceparentTheContractRejectsFallsThroughToXTraceId() {
        String overlong = "01-" + T + "-00f067aa0ba902b7-01-" + "x".repeat(250); // over the 256-character cap

        assertThat(traceId(Map.of("traceparent", List.of(overlong), "X-Trace-Id", List.of(H)))).isEqualTo(H);
    }

    @Test
    void anAmznTraceIdTheContractRejectsStartsNoTrace() {
        assertThat(extracted(Map.of("X-Amzn-Trace-Id", List.of("Root=1-11111111-111111111111111111111111;"
                + "Parent=53995c3f42cd8ad8;Root=1-22222222-222222222222222222222222;Sampled=1"))).isValid()).isFalse();
        assertThat(extracted(Map.of("X-Amzn-Trace-Id", List.of(
                "Rootx=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))).isValid()).isFalse();
    }

    @Test
    void theSpanContinuesTheContractsRootNotAFieldTheXRayPropagatorReadsMoreLoosely() {
        String header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;"
                + "Rootx=1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb";

        assertThat(traceId(Map.of("X-Amzn-Trace-Id", List.of(header)))).isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    @Test
    void anEmptyTracestateFieldOrMemberDoesNotWipeTheOthers() {
        String traceparent = "00-" + T + "-00f067aa0ba902b7-01";

        TraceState state = extracted(Map.of("traceparent", List.of(traceparent),
                "tracestate", List.of("", "foo=1, ,bar=2"))).getTraceState();

        assertThat(state.asMap()).containsExactly(Map.entry("foo", "1"), Map.entry("bar", "2"));
    }

    @Test
    void aTraceAnotherPropagatorFoundFirstIsLeftAlone() {
        SpanContext b3 = SpanContext.createFromRemoteParent("aaaaaaaabbbbbbbbccccccccdddddddd", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        Context before = Context.root().with(Span.wrap(b3));

        Context after = propagator.extract(before, carrier(Map.of("X-Amzn-Trace-Id",
                List.of("Root=1-5759e988-bd862e3fe1be46a994272793"), "X-Trace-Id", List.of(H))), GETTER);

        assertThat(Span.fromContext(after).getSpanContext().getTraceId()).isEqualTo("aaaaaaaabbbbbbbbccccccccdddddddd");
    }

    // log-contract.adoc, otel-token: a verbatim X-Trace-Id token wins (rule 2) though no span can carry it, so the span
    // starts a new trace; it does not continue X-Amzn-Trace-Id, a source the contract passed over.
    @Test
    void aTokenXTraceIdLeavesTheSpanANewTraceNotTheAmznRoot() {
        for (String amzn : List.of("Root=1-5759e988-bd862e3fe1be46a994272793",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")) {
            assertThat(extracted(Map.of("X-Trace-Id", List.of("abc.DEF-123"), "X-Amzn-Trace-Id", List.of(amzn))).isValid())
                    .as(amzn).isFalse();
        }
        // an X-Trace-Id the contract rejects still falls through to X-Amzn-Trace-Id
        assertThat(traceId(Map.of("X-Trace-Id", List.of("abc DEF"), "X-Amzn-Trace-Id",
                List.of("Root=1-5759e988-bd862e3fe1be46a994272793")))).isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    // "A trace that comes from X-Trace-Id or a Root-only X-Amzn-Trace-Id (which carry no sampling decision) is
    // continued as sampled"; the caller's decision stands where there is one (traceparent, X-Amzn-Trace-Id Sampled=).
    @Test
    void samplingOfTheContinuedTrace() {
        assertThat(extracted(Map.of("X-Trace-Id", List.of(H))).isSampled()).isTrue();
        assertThat(extracted(Map.of("X-Trace-Id", List.of("0AF7651E-9F3B-4C2B-8D1A-1B2C3D4E5F60"))).isSampled()).isTrue();
        assertThat(extracted(Map.of("X-Amzn-Trace-Id", List.of("Root=1-5759e988-bd862e3fe1be46a994272793"))).isSampled())
                .isTrue();
        assertThat(extracted(Map.of("X-Amzn-Trace-Id",
                List.of("Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793"))).isSampled())
                .isTrue();
        assertThat(extracted(Map.of("traceparent", List.of("00-" + T + "-00f067aa0ba902b7-00"))).isSampled()).isFalse();
        SpanContext notSampled = extracted(Map.of("X-Amzn-Trace-Id",
                List.of("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0")));
        assertThat(notSampled.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(notSampled.isSampled()).isFalse();
    }

    private String traceId(Map<String, List<String>> headers) {
        return extracted(headers).getTraceId();
    }

    private SpanContext extracted(Map<String, List<String>> headers) {
        return Span.fromContext(propagator.extract(Context.root(), carrier(headers), GETTER)).getSpanContext();
    }

    private static Map<String, List<String>> carrier(Map<String, List<String>> headers) {
        Map<String, List<String>> carrier = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        carrier.putAll(headers);
        return carrier;
    }

    /** A header map read as OpenTelemetry's getters read one, every value available through getAll. */
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
