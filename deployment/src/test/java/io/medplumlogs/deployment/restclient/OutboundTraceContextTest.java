package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * Without OpenTelemetry the extension is the W3C Trace Context propagator (Level 1, the Recommendation): a REST
 * client call made while serving a request with an accepted {@code traceparent} continues the caller's trace with
 * our own new parent-id, the caller's sampled flag and the caller's {@code tracestate}. Section numbers are those of
 * W3C Trace Context Level 1.
 */
class OutboundTraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String SAMPLED = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
    private static final String NOT_SAMPLED = "00-" + TRACE_ID + "-" + PARENT_ID + "-00";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(EchoResource.class, EchoClient.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment",
                    TestApp.quarkusVersion())));

    /** What the called service received: traceparent, X-Trace-Id, and its tracestate fields. */
    private record Received(String traceparent, String xTraceId, List<String> tracestate) {
        static Received of(String echoed) {
            String[] parts = echoed.split(" ", 3);
            return new Received(parts[0], parts[1], parts[2].isEmpty() ? List.of() : List.of(parts[2].split("\n")));
        }

        String flags() {
            return traceparent.substring(53);
        }
    }

    private static Received call(RequestSpecification request) {
        return Received.of(request.get("/outbound").asString());
    }

    // §3.2.2.5 trace-flags ("Sampled flag"): a component that did not make its own recording decision propagates
    // the caller's sampled flag unchanged; §3.4 allows the flag only to change together with a new parent-id.
    @ParameterizedTest(name = "incoming flags {0} -> outgoing {1}")
    @CsvSource({ "00, 00", "01, 01",
            // §3.2.2.5 "Other Flags": undefined bits are reserved, vendors MUST set them to zero
            "03, 01", "fe, 00", "ff, 01" })
    void sampledFlagIsTheCallers(String incoming, String outgoing) {
        Received out = call(given().header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-" + incoming));

        assertThat(out.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-" + outgoing);
        // §3.4 "Update parent-id": the parent is now our own operation, not the caller's
        assertThat(out.traceparent()).doesNotContain(PARENT_ID);
    }

    // §4.3 (versioning): a traceparent of a later version is read by its version-00 part; what goes out is
    // version 00 (the one we speak), the sampled flag kept, the other flag bits zero, the tracestate with it.
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "01-" + TRACE_ID + "-" + PARENT_ID + "-03-what-the-future-holds, 01",
            "cc-" + TRACE_ID + "-" + PARENT_ID + "-fe, 00" })
    void aLaterVersionGoesOutAsVersion00(String incoming, String outgoing) {
        Received out = call(given().header("traceparent", incoming).header("tracestate", "foo=1"));

        assertThat(out.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-" + outgoing);
        assertThat(out.traceparent()).doesNotContain(PARENT_ID);
        assertThat(out.tracestate()).containsExactly("foo=1");
    }

    // §3.5 Mutating the tracestate Field: a vendor receiving tracestate MUST send it to outgoing requests.
    @Test
    void tracestateIsForwarded() {
        Received out = call(given().header("traceparent", NOT_SAMPLED)
                .header("tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));

        assertThat(out.flags()).isEqualTo("00");
        assertThat(out.tracestate()).containsExactly("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    }

    // §3.3 "tracestate Header Field Values": multiple tracestate header fields MUST be combined into one
    // according to RFC 7230 §3.2.2, i.e. joined with commas in the order received.
    @Test
    void severalTracestateFieldsAreCombinedInOrder() {
        Received out = call(given().header("traceparent", SAMPLED).header("tracestate", "foo=1,bar=2")
                .header("tracestate", "rojo=1,congo=2").header("tracestate", "baz=3"));

        assertThat(out.tracestate()).containsExactly("foo=1,bar=2,rojo=1,congo=2,baz=3");
    }

    // §3.3 "tracestate Header Field Values": vendors MUST accept empty tracestate headers (and empty or
    // whitespace-only list-members) but SHOULD avoid sending them; OWS around list-members is ignored.
    @Test
    void emptyFieldsAndMembersAreAcceptedButNotSent() {
        Received onlyEmpty = call(given().header("traceparent", SAMPLED).header("tracestate", ""));
        Received mixed = call(given().header("traceparent", SAMPLED).header("tracestate", "")
                .header("tracestate", "foo=1 \t, ,\t bar=2,").header("tracestate", " "));

        assertThat(onlyEmpty.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(onlyEmpty.tracestate()).isEmpty();
        assertThat(mixed.tracestate()).containsExactly("foo=1,bar=2");
    }

    // (A @CsvSource table like the inbound trace-header tables: alike in shape, its own W3C cases.)
    // §3.3 list-members (key, value) and "tracestate Header Field Values": a list has at most 32 list-members.
    // An invalid tracestate is discarded as a whole (the W3C test suite's expectation); failing to parse tracestate
    // MUST NOT affect traceparent (§3.3).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uppercase key            | FOO=1",
            "dot in key               | foo.bar=1",
            "space inside key         | foo =1",
            "empty value              | foo=,bar=3",
            "= in value               | foo=bar=baz",
            "no = at all              | foo",
            "duplicate key            | foo=1,foo=2",
            "empty tenant             | @foo=1,bar=2",
            "two @                    | foo@bar@baz=1,bar=2",
            "system-id of 15 chars    | t@vvvvvvvvvvvvvvv=1,bar=2" })
    void invalidTracestateIsDropped(String rule, String tracestate) {
        Received out = call(given().header("traceparent", SAMPLED).header("tracestate", tracestate));

        assertThat(out.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(out.tracestate()).isEmpty();
    }

    @Test
    void atMost32ListMembers() {
        String thirtyTwo = members(1, 32);
        Received kept = call(given().header("traceparent", SAMPLED).header("tracestate", thirtyTwo));
        Received dropped = call(given().header("traceparent", SAMPLED).header("tracestate", members(1, 30))
                .header("tracestate", members(31, 33)));

        assertThat(kept.tracestate()).containsExactly(thirtyTwo);
        assertThat(dropped.tracestate()).isEmpty();
    }

    // §3.3 list-members: key and value characters and lengths (simple key up to 256, multi-tenant key
    // tenant-id up to 241 "@" system-id up to 14; value up to 256 printable characters without "," and "=").
    @Test
    void longestValidMembersPass() {
        String key = "z".repeat(256) + "=1";
        String tenant = "t".repeat(241) + "@" + "v".repeat(14) + "=1";
        String value = "k=" + " !\"#$%&'()*+-./0123456789:;<>?@ABCXYZ[\\]^_`abcxyz{|}~";

        assertThat(call(given().header("traceparent", SAMPLED).header("tracestate", key)).tracestate())
                .containsExactly(key);
        assertThat(call(given().header("traceparent", SAMPLED).header("tracestate", tenant)).tracestate())
                .containsExactly(tenant);
        assertThat(call(given().header("traceparent", SAMPLED).header("tracestate", value)).tracestate())
                .containsExactly(value);
    }

    // §3.3 "tracestate Limits": at least 512 characters are propagated; when truncating, whole entries go,
    // entries longer than 128 characters first, then from the end.
    @Test
    void overlongTracestateIsCutByWholeEntries() {
        String big = "big=" + "b".repeat(200);
        List<String> small = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("k%02d=%s", i, "v".repeat(20)))
                .toList(); // 24 characters each
        String incoming = big + "," + String.join(",", small) + ",big2=" + "c".repeat(150);

        Received out = call(given().header("traceparent", SAMPLED).header("tracestate", incoming));

        // the >128 entries are dropped first; the 20 small ones (20 * 24 + 19 commas = 499) then fit in 512
        assertThat(out.tracestate()).containsExactly(String.join(",", small));
    }

    @Test
    void longTracestateBelowTheLimitIsForwardedWhole() {
        String entry = "a=" + "x".repeat(250);
        String incoming = entry + "," + entry.replace("a=", "b=");

        assertThat(call(given().header("traceparent", SAMPLED).header("tracestate", incoming)).tracestate())
                .containsExactly(incoming);
    }

    // §3.3: "If the vendor failed to parse traceparent, it MUST NOT attempt to parse tracestate"; a tracestate
    // without an accepted traceparent is never forwarded, and the trace is not continued with the caller's flags.
    @Test
    void noTracestateWithoutAnAcceptedTraceparent() {
        Received noParent = call(given().header("X-Trace-Id", TRACE_ID).header("tracestate", "foo=1"));
        Received invalidParent = call(given().header("traceparent", "00-" + TRACE_ID + "-0000000000000000-00")
                .header("tracestate", "foo=1"));
        Received twice = call(given().header("traceparent", NOT_SAMPLED).header("traceparent", NOT_SAMPLED)
                .header("tracestate", "foo=1"));

        assertThat(noParent.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(noParent.tracestate()).isEmpty();
        assertThat(invalidParent.traceparent()).doesNotContain(TRACE_ID);
        assertThat(invalidParent.tracestate()).isEmpty();
        assertThat(twice.traceparent()).doesNotContain(TRACE_ID);
        assertThat(twice.tracestate()).isEmpty();
    }

    private static String members(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> String.format("bar%02d=%02d", i, i))
                .collect(Collectors.joining(","));
    }
}
