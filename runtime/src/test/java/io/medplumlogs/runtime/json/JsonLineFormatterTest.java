package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonLineFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hostileTextStaysInsideItsString() throws Exception {
        String nasty = "line1\nline2\r\"quoted\" \\ back \u0000 nul \u2028 sep \u007f del \uD83D\uDE00 emoji \uD800 lone";
        String line = format(record(Level.INFO, nasty), 16384);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("msg").asText()).startsWith("line1\nline2\r\"quoted\" \\ back \u0000 nul \u2028 sep")
                .contains("\uD83D\uDE00 emoji").endsWith("\uFFFD lone");
    }

    @Test
    void randomTextRoundTripsThroughAJsonParser() throws Exception {
        java.util.Random random = new java.util.Random(42);
        char[] alphabet = "ab \"\\\n\r\t\u0001\u007f\u00e9\u20ac\u2028".toCharArray();
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(random.nextInt(10) == 0 ? "\uD83D\uDE00" : String.valueOf(alphabet[random.nextInt(alphabet.length)]));
            }
            int max = 1024 + random.nextInt(2048);
            String line = format(record(Level.INFO, text.toString()), max);
            assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(max);
            String parsed = JSON.readTree(line).get("msg").asText();
            assertThat(text.toString()).startsWith(parsed);
        }
    }

    @Test
    void stackHasCausesSuppressedAndFoldedCommonFrames() throws Exception {
        IllegalStateException top = new IllegalStateException("top", new java.io.IOException("cause"));
        top.addSuppressed(new RuntimeException("suppressed"));
        ExtLogRecord record = record(Level.ERROR, "failed");
        record.setThrown(top);

        JsonNode node = JSON.readTree(format(record, 16384));
        String stack = node.get("stack").asText();
        java.io.StringWriter jdk = new java.io.StringWriter();
        top.printStackTrace(new java.io.PrintWriter(jdk));
        // same lines as the JDK prints, without its class-loader/module prefixes
        assertThat(stack.lines().toList())
                .isEqualTo(jdk.toString().lines().map(l -> l.replace("java.base/", "")).toList());
        assertThat(stack).startsWith("java.lang.IllegalStateException: top\n\tat ")
                .contains("\tSuppressed: java.lang.RuntimeException: suppressed")
                .contains("Caused by: java.io.IOException: cause").contains("more");
        assertThat(node.get("error").asText()).isEqualTo("java.lang.IllegalStateException: top");
    }

    @Test
    void levelsMapToTheContractsFive() throws Exception {
        assertThat(level(Level.FATAL)).isEqualTo("ERROR");
        assertThat(level(java.util.logging.Level.SEVERE)).isEqualTo("ERROR");
        assertThat(level(java.util.logging.Level.WARNING)).isEqualTo("WARN");
        assertThat(level(Level.INFO)).isEqualTo("INFO");
        assertThat(level(java.util.logging.Level.CONFIG)).isEqualTo("INFO");
        assertThat(level(Level.DEBUG)).isEqualTo("DEBUG");
        assertThat(level(java.util.logging.Level.FINEST)).isEqualTo("TRACE");
    }

    @Test
    void nonAsciiCountsInBytesAgainstTheBound() throws Exception {
        ExtLogRecord record = record(Level.INFO, "\u00e9".repeat(5000)); // 10,000 UTF-8 bytes
        String line = format(record, 1024);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("truncated").asBoolean()).isTrue();
        assertThat(node.get("msg").asText()).matches("\u00e9{300,512}");
    }

    @Test
    void oversizedMdcIsSqueezedNotAllowedToBreakTheBound() throws Exception {
        ExtLogRecord record = record(Level.INFO, "hello");
        record.setMdc(Map.of("requestId", "r-1", "traceId", "t-1", "huge", "y".repeat(50_000)));
        String line = format(record, 1024);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("requestId").asText()).isEqualTo("r-1");
        assertThat(node.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void excludedAndRenamedFields() throws Exception {
        JsonLineLayout layout = JsonLineLayout.contract(16384).withExcluded(Set.of("logger"))
                .withRenamed(Map.of("msg", "message"));
        String line = new JsonLineFormatter(layout).format(record(Level.INFO, "hi"));

        JsonNode node = JSON.readTree(line);
        assertThat(node.has("logger")).isFalse();
        assertThat(node.get("message").asText()).isEqualTo("hi");
    }

    private static String level(java.util.logging.Level level) throws Exception {
        return JSON.readTree(format(record(level, "x"), 16384)).get("level").asText();
    }

    private static String format(ExtLogRecord record, int max) {
        return new JsonLineFormatter(JsonLineLayout.contract(max)).format(record);
    }

    private static ExtLogRecord record(java.util.logging.Level level, String msg) {
        ExtLogRecord record = new ExtLogRecord(level, msg, ExtLogRecord.FormatStyle.NO_FORMAT, "test");
        record.setLoggerName("io.example.Test");
        record.setMdc(Map.of());
        return record;
    }
}
