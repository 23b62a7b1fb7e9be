package io.medplumlogs.demo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.testsupport.ConsoleLines;

/** One call to the app, the IDs its response carried and the console lines written while it was served. */
public record Served<T>(T result, int status, String requestId, String traceId, List<JsonNode> lines,
        List<String> allText) {

    public static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    public static final String HEX32 = "[0-9a-f]{32}";
    /** The logger of the demo's access log, HAPI's LoggingInterceptor ({@code DemoFhirServlet.accessLog()}). */
    public static final String ACCESS_LOG = "fhirtest.access";

    /** Runs {@code call} (a FHIR client call that reports to {@code ids}) while capturing the console. */
    public static <T> Served<T> by(ResponseIds ids, Supplier<T> call) {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            T result = call.get();
            // the audit line comes at response end; keep it in this request's window, not the next one's
            console.awaitRequestServed(ids.requestId());
            // so does the line of HAPI's LoggingInterceptor (the demo's access log), after the response is sent:
            // often after the audit line
            console.await(l -> ACCESS_LOG.equals(l.path("logger").asText())
                    && ids.requestId() != null && ids.requestId().equals(l.path("requestId").asText()),
                    Duration.ofSeconds(2));
            return new Served<>(result, ids.status(), ids.requestId(), ids.traceId(), console.json(),
                    console.allLines());
        }
    }

    /**
     * The response had well-formed IDs; every line written while serving it carries exactly them, and the app
     * wrote a line whose message contains {@code appMessage}.
     */
    public Served<T> everyLineCarriesIds(String appMessage) {
        assertThat(requestId).as("X-Request-Id").matches(UUID);
        assertThat(traceId).as("X-Trace-Id").matches(HEX32);
        assertThat(lines).as("lines written while serving the request").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("requestId").asText()).as(line.toString()).isEqualTo(requestId);
            assertThat(line.path("traceId").asText()).as(line.toString()).isEqualTo(traceId);
        });
        assertThat(lines).as("app lines").anySatisfy(line -> assertThat(line.path("msg").asText()).contains(appMessage));
        return this;
    }

    /** The one {@code Request served} line of this request. */
    public JsonNode requestServed() {
        List<JsonNode> audit = lines.stream().filter(l -> "Request served".equals(l.path("msg").asText())).toList();
        assertThat(audit).as("Request served lines of " + requestId).hasSize(1);
        JsonNode line = audit.get(0);
        assertThat(line.path("requestId").asText()).isEqualTo(requestId);
        assertThat(line.path("traceId").asText()).isEqualTo(traceId);
        assertThat(line.path("status").asInt()).isEqualTo(status);
        return line;
    }
}
