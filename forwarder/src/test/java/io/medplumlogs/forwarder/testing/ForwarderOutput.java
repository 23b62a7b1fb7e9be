package io.medplumlogs.forwarder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.ForwarderLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the forwarder writes about itself during one test ({@code @RegisterExtension} on an instance field): its
 * lines are captured instead of printed, and read back as JSON, which every one of them must be.
 */
public final class ForwarderOutput implements BeforeEachCallback, AfterEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @Override
    public void beforeEach(ExtensionContext context) {
        ForwarderLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ForwarderLog.redirect(null);
    }

    /** Every captured line, each parsed as one JSON object (a line that is not JSON fails the test). */
    public List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** The Embedded Metric Format lines among them. */
    public List<JsonNode> metricLines() throws IOException {
        return lines().stream().filter(l -> l.has("_aws")).toList();
    }

    /** The one metrics line the test expects. */
    public JsonNode singleMetricsLine() throws IOException {
        List<JsonNode> emf = metricLines();
        assertThat(emf).as("metrics lines in %s", text()).hasSize(1);
        return emf.get(0);
    }

    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
