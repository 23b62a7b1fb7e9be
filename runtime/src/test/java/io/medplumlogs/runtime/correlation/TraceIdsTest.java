package io.medplumlogs.runtime.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdsTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void validTraceparentGivesItsTraceId() {
        assertThat(TraceIds.fromTraceparent(TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.parentIdOfTraceparent(TRACEPARENT)).isEqualTo("00f067aa0ba902b7");
        assertThat(TraceIds.sampledOfTraceparent(TRACEPARENT)).isTrue();
    }

    @Test
    void futureTraceparentVersionIsReadByItsV00Prefix() {
        assertThat(TraceIds.fromTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.fromTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x")).isNull();
    }

    // (Assertion table (header value, trace id): alike in shape to QueryRedactorTest's tables, its own cases.)
    @ParameterizedTest
    @ValueSource(strings = {
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX-Evil: 1", // CR/LF
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ", // trailing space
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // uppercase
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace-id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent-id
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // short
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // separators
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\u00e9", // non-ASCII
            "" })
    void invalidTraceparentsAreRejected(String value) {
        assertThat(TraceIds.fromTraceparent(value)).isNull();
    }

    // W3C §3.2.2 / §4.3 (versioning): a later version is read by its first 55 characters, whatever follows a "-";
    // version 00 is exactly 55 characters; no value over 256 characters is read, also not a valid-looking one.
    @Test
    void traceparentVersionAndLengthRules() {
        String ids = "-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(TraceIds.fromTraceparent("02" + ids)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.fromTraceparent("fe" + ids + "-")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.fromTraceparent("cc" + ids + "-" + "x".repeat(200))).hasSize(32); // 256 characters
        assertThat(TraceIds.fromTraceparent("cc" + ids + "-" + "x".repeat(201))).isNull(); // 257
        assertThat(TraceIds.fromTraceparent("00" + ids + "-extra")).isNull();
        assertThat(TraceIds.fromTraceparent("00" + ids + "-")).isNull();
        assertThat(TraceIds.fromTraceparent("0A" + ids)).isNull();
        assertThat(TraceIds.fromTraceparent("0g" + ids)).isNull();
        assertThat(TraceIds.fromTraceparent("FF" + ids)).isNull();
        assertThat(TraceIds.fromTraceparent("ff" + ids + "-extra")).isNull();
        assertThat(TraceIds.fromTraceparent("00" + ids.replace("-01", "-0A"))).isNull();
        assertThat(TraceIds.fromTraceparent("01" + ids.replace("-01", "-0A") + "-x")).isNull();
        assertThat(TraceIds.fromTraceparent("01-00000000000000000000000000000000-00f067aa0ba902b7-01-x")).isNull();
    }

    @Test
    void xTraceIdNormalisation() {
        assertThat(TraceIds.fromXTraceId("0AF7651E-9F3B-4C2B-8D1A-1B2C3D4E5F60")).isEqualTo("0af7651e9f3b4c2b8d1a1b2c3d4e5f60");
        assertThat(TraceIds.fromXTraceId("ABCDEFABCDEFABCDEFABCDEFABCDEFAB")).isEqualTo("abcdefabcdefabcdefabcdefabcdefab");
        assertThat(TraceIds.fromXTraceId("Order-4711.v2")).isEqualTo("Order-4711.v2");
        assertThat(TraceIds.fromXTraceId("a".repeat(64))).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc\rdef", "abc\ndef", "abc\"def", "abc def", "abc\tdef", "caf\u00e9", "a/b", "a;b",
            "00000000000000000000000000000000", "00000000-0000-0000-0000-000000000000", "" })
    void invalidXTraceIdsAreRejected(String value) {
        assertThat(TraceIds.fromXTraceId(value)).isNull();
        assertThat(TraceIds.fromXTraceId("a".repeat(65))).isNull();
    }

    @Test
    void amznRootAmongOtherFields() {
        assertThat(TraceIds.fromXAmznTraceId("Root=1-5759e988-bd862e3fe1be46a994272793"))
                .isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(TraceIds.fromXAmznTraceId("Self=1-1-1;Root=1-5759E988-BD862E3FE1BE46A994272793;Sampled=1"))
                .isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Root=2-5759e988-bd862e3fe1be46a994272793", "Root=1-5759e988bd862e3fe1be46a994272793",
            "Root=1-5759e988-bd862e3fe1be46a99427279", "Root=1-5759e988-bd862e3fe1be46a99427279\r",
            "Root=1-00000000-000000000000000000000000", "Parent=53995c3f42cd8ad8",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272794",
            // two headers a proxy joined into one value: the second Root hid in the first's Parent field
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8, Root=1-5759e988-bd862e3fe1be46a994272794",
            "Root=1-5759e988-bd862e3fe1be46a994272793, Root=1-5759e988-bd862e3fe1be46a994272794" })
    void malformedAmznIsRejected(String value) {
        assertThat(TraceIds.fromXAmznTraceId(value)).isNull();
    }

    // Optional whitespace (space, tab) around a field is the one thing read past; any other control character is no
    // part of "Root=1-<8 hex>-<24 hex>" (String.trim() would drop NUL, CR, LF, VT, ... as well).
    @ParameterizedTest
    @ValueSource(strings = { "Root=1-5759e988-bd862e3fe1be46a994272793\u0000",
            "\u0001Root=1-5759e988-bd862e3fe1be46a994272793", "Self=1-1-1;\u000bRoot=1-5759e988-bd862e3fe1be46a994272793",
            "Root=1-5759e988-bd862e3fe1be46a994272793\r;Sampled=1", "Root=1-5759e988-bd862e3fe1be46a994272793\n" })
    void amznRootWithControlCharactersIsRejected(String value) {
        assertThat(TraceIds.fromXAmznTraceId(value)).isNull();
    }

    @Test
    void amznFieldsMayHaveSpacesAndTabsAround() {
        assertThat(TraceIds.fromXAmznTraceId("Self=1-1-1; \tRoot=1-5759e988-bd862e3fe1be46a994272793\t ;Sampled=1"))
                .isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    // Field names are case-sensitive and whole: "root=", "Rootx=", a "Root=" inside another field's value, or a
    // value over 256 characters give no root.
    @ParameterizedTest
    @ValueSource(strings = { "root=1-5759e988-bd862e3fe1be46a994272793", "ROOT=1-5759e988-bd862e3fe1be46a994272793",
            "Rootx=1-5759e988-bd862e3fe1be46a994272793", "xRoot=1-5759e988-bd862e3fe1be46a994272793",
            "Self=Root=1-5759e988-bd862e3fe1be46a994272793", "Parent=53995c3f42cd8ad8 Root=1-5759e988-bd862e3fe1be46a994272793",
            "Root =1-5759e988-bd862e3fe1be46a994272793", "Root= 1-5759e988-bd862e3fe1be46a994272793", "", ";;",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Self=", })
    void amznRootMustBeItsOwnField(String value) {
        if (value.endsWith("Self=")) {
            // the control: a Root field followed by an empty Self passes, the 257-character one does not
            assertThat(TraceIds.fromXAmznTraceId(value)).isEqualTo("5759e988bd862e3fe1be46a994272793");
            String padded = value + "x".repeat(256 - value.length());
            assertThat(TraceIds.fromXAmznTraceId(padded)).isEqualTo("5759e988bd862e3fe1be46a994272793");
            assertThat(TraceIds.fromXAmznTraceId(padded + "x")).isNull();
            return;
        }
        assertThat(TraceIds.fromXAmznTraceId(value)).isNull();
    }

    @Test
    void xTraceIdTokenRuleIsExact() {
        assertThat(TraceIds.fromXTraceId("0aF7651e-9F3b-4C2B-8d1A-1b2C3d4E5f60")).isEqualTo("0af7651e9f3b4c2b8d1a1b2c3d4e5f60");
        // 36 characters with a non-hex digit: no UUID, but a valid token, kept as sent
        assertThat(TraceIds.fromXTraceId("0af7651e-9f3b-4c2b-8d1a-1b2c3d4e5f6g")).isEqualTo("0af7651e-9f3b-4c2b-8d1a-1b2c3d4e5f6g");
        for (String invalid : new String[] { "a_b", "{0af7651e-9f3b-4c2b-8d1a-1b2c3d4e5f60}", "a+b", "a%2Fb", "a:b",
                "a\u00a0b", "\u0661\u0662", "a\u0000" }) {
            assertThat(TraceIds.fromXTraceId(invalid)).as(invalid).isNull();
        }
    }

    @Test
    void generatedIdsAreW3cShaped() {
        for (int i = 0; i < 1000; i++) {
            assertThat(TraceIds.isW3cTraceId(TraceIds.generate())).isTrue();
            assertThat(TraceIds.generateSpanId()).matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
        }
    }

    @Test
    void aRepeatedHeaderIsAmbiguousAndFallsThrough() {
        Map<String, List<String>> headers = Map.of("traceparent", List.of(TRACEPARENT, TRACEPARENT),
                "X-Trace-Id", List.of("fallback-id"));
        RequestCorrelation ids = RequestCorrelation.fromHeaders(headers::get);
        assertThat(ids.traceId()).isEqualTo("fallback-id");
        assertThat(ids.source()).isEqualTo(TraceSource.X_TRACE_ID);
        assertThat(ids.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
