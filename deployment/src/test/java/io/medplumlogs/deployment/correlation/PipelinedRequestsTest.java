package io.medplumlogs.deployment.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * HTTP/1.1 pipelining: requests written back to back on one connection, before any answer, each with its own IDs
 * (log-contract.adoc: a server-generated request ID; a trace header is the request's own) and its own Request served
 * line, in order, whatever thread served the one before, a failure among them. A request ID the client sends is not
 * taken.
 */
class PipelinedRequestsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class, FakeFhirResource.class);

    private static final String CLIENT_REQUEST_ID = "11111111-2222-4333-8444-555555555555";

    @Test
    void eachPipelinedRequestHasItsOwnIdsAndLineInOrder() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.Response first = RawHttp.sendAsIs(
                    "GET /log/uni-delay?tag=p1 HTTP/1.1\r\nHost: localhost\r\nX-Trace-Id: token-of-p1\r\n\r\n"
                            + "GET /log/boom HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            + "GET /log/worker?tag=p3 HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: " + CLIENT_REQUEST_ID
                            + "\r\n\r\n"
                            + "GET /log/event-loop?tag=p4 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            List<String[]> answers = answers(first.head() + "\r\n\r\n" + first.body()); // {status, request ID, trace ID}

            assertThat(answers).extracting(a -> a[0]).containsExactly("200", "500", "200", "200");
            List<String> requestIds = answers.stream().map(a -> a[1]).toList();
            assertThat(requestIds).doesNotContainNull().doesNotHaveDuplicates().doesNotContain(CLIENT_REQUEST_ID);
            assertThat(answers.get(0)[2]).isEqualTo("token-of-p1");
            assertThat(answers.subList(1, 4)).extracting(a -> a[2]).doesNotContain("token-of-p1").doesNotHaveDuplicates();

            List<JsonNode> served = console.await(m -> m.equals("Request served"), 4);
            assertThat(served).extracting(l -> l.path("requestId").asText()).containsExactlyElementsOf(requestIds);
            assertThat(served).extracting(l -> l.path("path").asText()).containsExactly("/log/uni-delay?tag=***",
                    "/log/boom", "/log/worker?tag=***", "/log/event-loop?tag=***");
            assertThat(served).extracting(l -> l.path("traceId").asText())
                    .containsExactlyElementsOf(answers.stream().map(a -> a[2]).toList());
            // the app's lines of p1 (three threads) and p3 carry their own request's IDs
            for (JsonNode line : console.json(m -> m.endsWith(" p1"))) {
                assertThat(line.path("requestId").asText()).as(line.toString()).isEqualTo(requestIds.get(0));
            }
            assertThat(console.json(m -> m.endsWith(" p1"))).hasSize(3);
            assertThat(console.json(m -> m.equals("on worker p3"))).singleElement()
                    .satisfies(l -> assertThat(l.path("requestId").asText()).isEqualTo(requestIds.get(2)));
        }
    }

    /**
     * log-contract.adoc, receivedAt and durationMs: a request pipelined behind a slow one is served, and so timed, from
     * when its turn comes, once the one before it is answered; not from when its bytes arrived.
     */
    @Test
    void aPipelinedRequestIsTimedFromWhenItsTurnCame() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.sendAsIs("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /log/worker?tag=next HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            List<JsonNode> served = console.await(m -> m.equals("Request served"), 2);
            assertThat(served).extracting(l -> l.path("path").asText()).containsExactly("/slow", "/log/worker?tag=***");
            Instant slowEnded = Instant.parse(served.get(0).path("receivedAt").asText())
                    .plusMillis(served.get(0).path("durationMs").asLong());
            assertThat(served.get(0).path("durationMs").asLong()).isGreaterThanOrEqualTo(1500);
            // both values are cut to the millisecond: allow for the two truncations
            assertThat(Instant.parse(served.get(1).path("receivedAt").asText())).isAfterOrEqualTo(slowEnded.minusMillis(2));
            assertThat(served.get(1).path("durationMs").asLong()).isLessThan(1500);
        }
    }

    /** Status, X-Request-Id and X-Trace-Id of each response in a stream of HTTP/1.1 responses. */
    private static List<String[]> answers(String stream) {
        List<String[]> answers = new ArrayList<>();
        Matcher head = Pattern.compile("HTTP/1\\.1 (\\d{3})[^\r]*\r\n(.*?)\r\n\r\n", Pattern.DOTALL).matcher(stream);
        while (head.find()) {
            answers.add(new String[] { head.group(1), header(head.group(2), "X-Request-Id"),
                    header(head.group(2), "X-Trace-Id") });
        }
        return answers;
    }

    private static String header(String head, String name) {
        Matcher value = Pattern.compile("(?im)^" + name + ": (\\S+)").matcher(head);
        return value.find() ? value.group(1) : null;
    }
}
