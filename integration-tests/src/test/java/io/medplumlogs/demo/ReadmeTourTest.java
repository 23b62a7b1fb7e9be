package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.Served;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The README's "30-second tour", read from README.md itself so that the page and this test cannot drift apart: the
 * curl it shows, sent to the demo, answers with the {@code X-Trace-Id} it promises and a {@code Request served}
 * line with the example's fields, in the example's order and, except for what differs per request (time, IDs,
 * duration), the example's values; the search value it sends appears nowhere.
 */
@QuarkusTest
class ReadmeTourTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theToursCurlGivesTheLineAndHeadersTheReadmeShows() throws IOException {
        String tour = tourSection();
        String traceparent = find(tour, "-H 'traceparent: ([^']+)'");
        String target = find(tour, "'http://localhost:8080(/[^']+)'");
        String promisedTraceId = find(tour, "`X-Trace-Id: ([0-9a-f]{32})`");
        JsonNode example = ConsoleLines.parse(find(tour, "```json\n(\\{.*})\n```") + "\n");
        String searchValue = find(target, "name=([^&]+)");

        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response response = RestAssured.given().urlEncodingEnabled(false).header("traceparent", traceparent)
                    .header("User-Agent", example.path("ua").asText()).get(target).andReturn();
            assertThat(response.statusCode()).isEqualTo(example.path("status").asInt());
            assertThat(response.header("X-Trace-Id")).isEqualTo(promisedTraceId);
            String requestId = response.header("X-Request-Id");
            assertThat(requestId).matches(Served.UUID);
            assertThat(console.awaitRequestServed(requestId)).as("Request served line of " + requestId).isTrue();

            JsonNode line = console.json(m -> m.equals("Request served")).stream()
                    .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
            assertThat(fieldNames(line)).as(line.toString()).containsExactlyElementsOf(fieldNames(example));
            for (String same : List.of("level", "msg", "logger", "traceId", "method", "path", "status", "ip", "ua",
                    "interaction", "resourceType")) {
                assertThat(line.get(same)).as(same + " in " + line).isEqualTo(example.get(same));
            }
            assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(line.path("receivedAt").asText())
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(line.path("durationMs").isIntegralNumber()).as(line.toString()).isTrue();
            assertThat(String.join("", console.allLines())).doesNotContain(searchValue);
        }
    }

    /** From the tour's heading to the next heading. */
    private static String tourSection() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("### 30-second tour");
        assertThat(start).as("the tour in " + README.toAbsolutePath()).isNotNegative();
        int end = readme.indexOf("\n#", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
        return m.group(1);
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
