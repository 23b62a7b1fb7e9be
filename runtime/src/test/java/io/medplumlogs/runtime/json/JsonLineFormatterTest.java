package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medplumlogs.runtime.audit.LineFields;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.correlation.TraceSource;

class JsonLineFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fails on a key written twice, which a plain parse would silently resolve to the last value, and on anything
     * after the object, which a plain parse ignores.
     */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void hostileTextStaysInsideItsString() throws Exception {
        String nasty = "line1\nline2\r\"quoted\" \\ back \u0000 nul \u2028 sep \u007f del \uD83D\uDE00 emoji \uD800 lone";
        String line = format(record(Level.INFO, nasty), 16384);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("msg").asText()).startsWith("line1\nline2\r\"quoted\" \\ back \u0000 nul \u2028 sep")
                .contains("\uD83D\uDE00 emoji").endsWith("\uFFFD lone");
    }

    /**
     * Guard: besides the message, what the app (or, through it, a caller) controls reaches the line as a logger name,
     * an MDC key, an MDC value and an exception's class name and message; each stays inside its string.
     */
    @Test
    void hostileTextInEveryAppControlledPlaceStaysInsideItsString() throws Exception {
        String nasty = "a\"b\\c\nd\re\u0000f\u2028g\u2029h\u0085i\uD800j";
        String written = "a\"b\\c\nd\re\u0000f\u2028g\u2029h\u0085i\uFFFDj";
        ExtLogRecord record = record(Level.ERROR, "failed");
        record.setLoggerName("io.example." + nasty);
        record.setMdc(Map.of("key" + nasty, "value" + nasty));
        record.setThrown(new IllegalStateException("message" + nasty));

        String line = format(record, 16384);

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line.chars().filter(c -> c < 0x20 && c != '\n' || c == 0x85 || c == 0x2028 || c == 0x2029))
                .isEmpty();
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("logger").asText()).isEqualTo("io.example." + written);
        assertThat(node.get("key" + written).asText()).isEqualTo("value" + written);
        assertThat(node.get("error").asText()).isEqualTo("java.lang.IllegalStateException: message" + written);
        assertThat(node.get("stack").asText()).startsWith("java.lang.IllegalStateException: message" + written);
    }

    /**
     * "no name is ever written twice": MDC keys that differ only in a lone surrogate, which the line writes as U+FFFD,
     * were written under one name (a strict parser refuses the line, others keep one of the values).
     */
    @Test
    void mdcKeysThatDifferOnlyInLoneSurrogatesAreNotWrittenUnderOneName() throws Exception {
        ExtLogRecord record = record(Level.INFO, "hello");
        Map<String, Object> mdc = new LinkedHashMap<>();
        mdc.put("tag\uD800", "first");
        mdc.put("tag\uDC00", "second");
        mdc.put("tag\uFFFD", "third");
        record.setMdc(mdc);

        JsonNode node = STRICT.readTree(format(record, 16384));

        // the key with a real U+FFFD keeps its name; the other two are prefixed until their names are their own
        assertThat(node.get("tag\uFFFD").asText()).isEqualTo("third");
        assertThat(Set.of(node.get("mdc.tag\uFFFD").asText(), node.get("mdc.mdc.tag\uFFFD").asText()))
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void c1ControlsAndLineSeparatorsAreEscaped() throws Exception {
        // U+0085 (NEL) ends a line for some line-based readers; the whole C1 range is escaped like C0
        StringBuilder c1 = new StringBuilder();
        for (char c = '\u0080'; c <= '\u009f'; c++) {
            c1.append(c);
        }
        String text = "a\u0085b " + c1 + " \u2028\u2029 \u00a0\u00e9";
        String line = format(record(Level.INFO, text), 16384);

        assertThat(line.chars().filter(c -> c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029)).isEmpty();
        assertThat(line).contains("a\\u0085b").contains("\\u0080").contains("\\u009f").contains("\\u2028\\u2029")
                .contains("\u00a0\u00e9");
        assertThat(JSON.readTree(line).get("msg").asText()).isEqualTo(text);
    }

    @Test
    void randomTextRoundTripsThroughAJsonParser() throws Exception {
        Random random = new Random(42);
        char[] alphabet = "ab \"\\\n\r\t\u0001\u007f\u0085\u009f\u00e9\u20ac\u2028".toCharArray();
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
        IllegalStateException top = new IllegalStateException("top", new IOException("cause"));
        top.addSuppressed(new RuntimeException("suppressed"));
        ExtLogRecord record = record(Level.ERROR, "failed");
        record.setThrown(top);

        JsonNode node = JSON.readTree(format(record, 16384));
        String stack = node.get("stack").asText();
        StringWriter jdk = new StringWriter();
        top.printStackTrace(new PrintWriter(jdk));
        // same lines as the JDK prints, without its class-loader/module prefixes
        assertThat(stack.lines().toList())
                .isEqualTo(jdk.toString().lines().map(l -> l.replace("java.base/", "")).toList());
        assertThat(stack).startsWith("java.lang.IllegalStateException: top\n\tat ")
                .contains("\tSuppressed: java.lang.RuntimeException: suppressed")
                .contains("Caused by: java.io.IOException: cause").contains("more");
        assertThat(node.get("error").asText()).isEqualTo("java.lang.IllegalStateException: top");
    }

    /**
     * Guard: causes that refer back to each other (possible with initCause) end, as the JDK prints them, in a
     * circular reference.
     */
    @Test
    void causesInACircleStillLeaveOneLine() throws Exception {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a);
        ExtLogRecord circle = record(Level.ERROR, "failed");
        circle.setThrown(a);

        JsonNode node = STRICT.readTree(format(circle, 1 << 20));

        assertThat(node.get("error").asText()).isEqualTo("java.lang.IllegalStateException: a");
        assertThat(node.get("stack").asText()).contains("Caused by: java.lang.IllegalArgumentException: b")
                .contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: a]");
    }

    /**
     * A cause chain with no end (a getCause() that makes a new exception each time) was walked until the heap ran out:
     * the logging thread spent minutes (437 s here) filling the heap, and the line came out as "message not written:
     * java.lang.OutOfMemoryError" while every other thread of the application risked the same error. A finite but
     * deep chain (exceptions re-wrapped on every retry) ran the stack out instead, and lost the stack and the
     * error's message although neither was unreadable. Either way the stack is written up to the line's bound, with
     * the exception's own message, and the line says it was cut.
     */
    @Test
    void aCauseChainWithoutEndOrVeryDeepIsWrittenUpToTheBoundInTime() throws Exception {
        class Endless extends RuntimeException {
            Endless() {
                super("endless", null, false, false);
            }

            @Override
            public synchronized Throwable getCause() {
                return new Endless();
            }
        }
        RuntimeException deep = null;
        for (int i = 200_000; i >= 0; i--) {
            deep = new RuntimeException("level " + i, deep, false, false) {
            };
        }
        for (Throwable thrown : new Throwable[] { deep, new Endless() }) {
            ExtLogRecord record = record(Level.ERROR, "failed");
            record.setMdc(Map.of("requestId", "r-8"));
            record.setThrown(thrown);
            String summary = thrown.getClass().getName() + ": " + thrown.getMessage();

            String line = assertTimeout(Duration.ofSeconds(10),
                    () -> format(record, 16384));

            assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(16384);
            JsonNode node = STRICT.readTree(line);
            assertThat(node.get("error").asText()).isEqualTo(summary);
            assertThat(node.get("stack").asText()).startsWith(summary + "\nCaused by: " + thrown.getClass().getName());
            assertThat(node.get("truncated").asBoolean()).isTrue();
            assertThat(node.get("requestId").asText()).isEqualTo("r-8");
        }
        assertThat(STRICT.readTree(format(errorWith(deep), 16384)).get("stack").asText())
                .contains("\nCaused by: " + deep.getClass().getName() + ": level 1\n");
    }

    private static ExtLogRecord errorWith(Throwable thrown) {
        ExtLogRecord record = record(Level.ERROR, "failed");
        record.setThrown(thrown);
        return record;
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

    /**
     * "logger: always". A record without a logger name (JUL's {@code Logger.getAnonymousLogger()}, whose records reach
     * the root's console with a null name) had no {@code logger} field at all, and a query on it found nothing.
     */
    @Test
    void aRecordWithoutALoggerNameStillHasTheField() throws Exception {
        ExtLogRecord record = record(Level.INFO, "from an anonymous logger");
        record.setLoggerName(null);

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.has("logger")).as(node.toString()).isTrue();
        assertThat(node.get("logger").asText()).isEmpty();
    }

    /**
     * Custom levels (a JBoss or JUL level of an app's own) map by severity onto the contract's five, as the built-in
     * ones do; so do the JUL names of the levels and the extremes.
     */
    @Test
    void levelsOfAnyValueMapBySeverity() throws Exception {
        class Custom extends java.util.logging.Level {
            Custom(String name, int value) {
                super(name, value);
            }
        }
        assertThat(level(new Custom("NOTICE", 850))).isEqualTo("INFO");
        assertThat(level(new Custom("AUDIT", 950))).isEqualTo("WARN");
        assertThat(level(new Custom("CRITICAL", 1100))).isEqualTo("ERROR");
        assertThat(level(new Custom("VERBOSE", 450))).isEqualTo("TRACE");
        assertThat(level(Level.WARN)).isEqualTo("WARN");
        assertThat(level(Level.TRACE)).isEqualTo("TRACE");
        assertThat(level(java.util.logging.Level.FINE)).isEqualTo("DEBUG");
        assertThat(level(java.util.logging.Level.FINER)).isEqualTo("TRACE");
        assertThat(level(java.util.logging.Level.OFF)).isEqualTo("ERROR");
        assertThat(level(java.util.logging.Level.ALL)).isEqualTo("TRACE");
    }

    /**
     * "ISO-8601 UTC, millisecond precision, Z": also at a whole minute (java.time writes 17:20 without its seconds),
     * at a whole second, before 1970, and for records of the same second after one another (the text of the second is
     * kept between records).
     */
    @Test
    void theTimestampIsIso8601UtcWithMillisecondsAlways() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2026-11-25T17:20:00Z", "2026-11-25T17:20:00.000Z");
        expected.put("2026-11-25T17:20:00.007Z", "2026-11-25T17:20:00.007Z");
        expected.put("2026-11-25T17:20:04.123456Z", "2026-11-25T17:20:04.123Z");
        expected.put("2026-11-25T17:20:04.999999999Z", "2026-11-25T17:20:04.999Z");
        expected.put("2026-11-25T00:00:00Z", "2026-11-25T00:00:00.000Z");
        expected.put("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z");
        JsonLineFormatter formatter = new JsonLineFormatter(JsonLineLayout.contract(16384));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            ExtLogRecord record = record(Level.INFO, "at " + e.getKey());
            record.setInstant(Instant.parse(e.getKey()));

            assertThat(STRICT.readTree(formatter.format(record)).get("timestamp").asText()).as(e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    /**
     * The fields come in the order log-contract.adoc gives: the record's own, the IDs, the audit line's fields, the
     * additional fields, the MDC, then error, stack and the truncation mark (a viewer that shows the start of a line
     * shows its time, level, message and IDs).
     */
    @Test
    void fieldsComeInTheContractsOrder() throws Exception {
        ExtLogRecord record = record(Level.ERROR, "ignored");
        record.setParameters(new Object[] { new LineFields("Request served").put("path", "/fhir/R4/Patient")
                .put("status", 500L) });
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("tenant", "acme");
        mdc.put("spanId", "00f067aa0ba902b7");
        mdc.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("requestId", "r-9");
        record.setMdc(mdc);
        record.setThrown(new IllegalStateException("boom"));
        JsonLineLayout layout = JsonLineLayout.contract(1024).withAdditionalFields(Map.of("service", "fhir-api"));

        JsonNode node = STRICT.readTree(new JsonLineFormatter(layout).format(record));

        assertThat(node.fieldNames()).toIterable().containsExactly("timestamp", "level", "msg", "logger", "requestId",
                "traceId", "spanId", "path", "status", "service", "tenant", "error", "stack", "truncated");
    }

    @Test
    void aRecordWithoutAMessageHasAnEmptyMsg() throws Exception {
        ExtLogRecord plain = record(Level.INFO, null);
        ExtLogRecord printf = new ExtLogRecord(Level.INFO, null, ExtLogRecord.FormatStyle.PRINTF, "test");
        printf.setLoggerName("io.example.Test");
        printf.setParameters(new Object[] { "a" });
        printf.setMdc(Map.of());

        for (ExtLogRecord record : new ExtLogRecord[] { plain, printf }) {
            JsonNode node = STRICT.readTree(format(record, 16384));
            assertThat(node.get("msg").asText()).as(node.toString()).isEmpty();
        }
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

    /**
     * The bound is what a line-based reader sees as the line: everything before the line feed. With
     * {@code record-delimiter=\r\n} the carriage return is part of it (the awslogs driver keeps it in the event), so
     * a line cut to exactly max-line-bytes came to one byte more, and Docker split it at 16 KiB.
     */
    @Test
    void theBoundCountsWhatTheDelimiterPutsBeforeTheLineFeed() throws Exception {
        for (String delimiter : new String[] { "\r\n", " \t\r\n" }) {
            JsonLineLayout layout = JsonLineLayout.contract(1024).withDelimiter(delimiter);
            ExtLogRecord withStack = record(Level.ERROR, "m".repeat(3000));
            withStack.setThrown(new IllegalStateException("failed"));
            ExtLogRecord withMdc = record(Level.INFO, "hello");
            withMdc.setMdc(Map.of("huge", "y".repeat(5000)));
            for (ExtLogRecord record : new ExtLogRecord[] { withStack, withMdc }) {
                String line = new JsonLineFormatter(layout).format(record);

                assertThat(line).endsWith(delimiter);
                assertThat(line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(1024);
                assertThat(STRICT.readTree(line).get("truncated").asBoolean()).isTrue();
            }
        }
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

    @ParameterizedTest(name = "max-line-bytes={0}")
    @ValueSource(ints = { 1024, 1100, 1500, 2048, 4096, 16384 })
    void boundHoldsWithHugeMdcIds(int max) throws Exception {
        // issue 9, item 8: 5,000-character IDs in the MDC gave 1,176 bytes under a 1,024 bound
        ExtLogRecord record = record(Level.ERROR, "m".repeat(3000));
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r".repeat(5000));
        mdc.put("traceId", "t".repeat(5000));
        mdc.put("spanId", "s".repeat(5000));
        mdc.put("tenant", "\u00e9".repeat(5000));
        mdc.put("k".repeat(3000), "v");
        record.setMdc(mdc);
        record.setThrown(new IllegalStateException("e".repeat(5000)));
        record.setLoggerName("l".repeat(5000));

        String line = format(record, max);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(max);
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("truncated").asBoolean()).isTrue();
        assertThat(node.get("level").asText()).isEqualTo("ERROR");
        assertThat(node.get("requestId").asText()).matches("r+");
        assertThat(node.get("msg").asText()).matches("m+");
    }

    @ParameterizedTest(name = "max-line-bytes={0}")
    @ValueSource(ints = { 1024, 1100, 2048 })
    void theIdsAreNeverCutWithTheOtherValues(int max) throws Exception {
        // an adversarial hunt: 50 MDC values of 40 characters under a 1,024 bound cut requestId to 8 characters
        String requestId = "0b8e4c1e-2f6a-4b7e-9a51-3c2d8f1e6a90";
        String traceId = "t".repeat(256); // the longest X-Trace-Id the contract accepts
        ExtLogRecord record = record(Level.INFO, "hello");
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", requestId);
        mdc.put("traceId", traceId);
        mdc.put("spanId", "00f067aa0ba902b7");
        for (int i = 0; i < 50; i++) {
            mdc.put("k" + i, "v".repeat(40));
        }
        record.setMdc(mdc);

        String line = format(record, max);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(max);
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("truncated").asBoolean()).isTrue();
        assertThat(node.get("requestId").asText()).isEqualTo(requestId);
        assertThat(node.get("traceId").asText()).isEqualTo(traceId);
        assertThat(node.get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void idsThatDoNotFitEvenAtTheirCapAreCutAlikeRatherThanLosingTheLine() throws Exception {
        // a review: four app-set IDs of 300 characters under 1,024 bytes left only {"level":..,"truncated":true}
        ExtLogRecord record = record(Level.INFO, "hello");
        Map<String, String> mdc = new LinkedHashMap<>();
        for (String id : new String[] { "requestId", "traceId", "spanId", "otelTraceId" }) {
            mdc.put(id, id.charAt(0) + "x".repeat(299));
        }
        record.setMdc(mdc);

        String line = format(record, 1024);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("msg").asText()).isEqualTo("hello");
        assertThat(node.has("timestamp")).isTrue();
        assertThat(node.get("requestId").asText()).startsWith("rxx");
        assertThat(node.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void anAppsOwnMdcKeyOtelTraceIdDoesNotPassForTheRequestsField() throws Exception {
        // otelTraceId is written only beside the contract's trace ID (a non-hex X-Trace-Id with OpenTelemetry)
        ExtLogRecord record = record(Level.INFO, "hello");
        record.setMdc(Map.of("requestId", "req-1", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "otelTraceId",
                "app-value"));
        JsonNode app = STRICT.readTree(format(record, 16_384));

        assertThat(app.has("otelTraceId")).as("%s", app).isFalse();
        assertThat(app.get("mdc.otelTraceId").asText()).isEqualTo("app-value");

        record.setMdc(Map.of("requestId", "req-1", "traceId", "5bf92f3577b34da6a3ce929d0e0e4737", "otelTraceId",
                "5bf92f3577b34da6a3ce929d0e0e4737", RequestCorrelation.MDC_KEY,
                new RequestCorrelation("req-1", "caller-token-1", TraceSource.X_TRACE_ID)
                        .withOtelTraceId("5bf92f3577b34da6a3ce929d0e0e4737")));
        JsonNode ours = STRICT.readTree(format(record, 16_384));

        assertThat(ours.get("traceId").asText()).isEqualTo("caller-token-1");
        assertThat(ours.get("otelTraceId").asText()).isEqualTo("5bf92f3577b34da6a3ce929d0e0e4737");
    }

    @Test
    void boundHoldsForEveryLimitAndShape() throws Exception {
        Random random = new Random(9);
        for (int n = 0; n < 300; n++) {
            ExtLogRecord record = record(Level.INFO, "x\u00e9\n".repeat(random.nextInt(3000)));
            Map<String, String> mdc = new LinkedHashMap<>();
            for (int k = random.nextInt(40); k > 0; k--) {
                mdc.put("key" + k + "_".repeat(random.nextInt(200)), "\"\u2028".repeat(random.nextInt(2000)));
            }
            mdc.put("traceId", "t".repeat(random.nextInt(6000)));
            record.setMdc(mdc);
            if (random.nextBoolean()) {
                record.setParameters(new Object[] { new LineFields("Request served")
                        .put("path", "/p".repeat(random.nextInt(3000))).put("status", 200L) });
            }
            if (random.nextBoolean()) {
                record.setThrown(new RuntimeException("boom".repeat(random.nextInt(500))));
            }
            int max = 1024 + random.nextInt(4096);

            String line = format(record, max);

            assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).as("max %d", max).isLessThanOrEqualTo(max);
            assertThat(STRICT.readTree(line).get("level").asText()).isEqualTo("INFO");
        }
    }

    @Test
    void aFullRequestServedLineAtTheMinimumLimitKeepsItsKeyFields() throws Exception {
        // review of issue 9: max-line-bytes at its minimum with the longest path and ua the audit line can carry
        ExtLogRecord record = record(Level.INFO, "ignored");
        record.setParameters(new Object[] { new LineFields("Request served").put("method", "GET")
                .put("path", "/fhir/R4/Patient/" + "1".repeat(2040) + "?name=***").put("status", 200L)
                .put("durationMs", 7L).put("ip", "2001:db8::1").put("ua", "\u00e9\u2028".repeat(300))
                .put("receivedAt", "2026-11-25T17:20:04.116Z").put("user", "3f2a9c0d11e4b5a6")
                .put("interaction", "read").put("resourceType", "Patient").put("resourceId", "1".repeat(64))
                .put("requestId", "0b8e4c1e-2f6a-4b7e-9a51-3c2d8f1e6a90")
                .put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736") });

        String line = format(record, 1024);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("msg").asText()).isEqualTo("Request served");
        assertThat(node.get("requestId").asText()).isEqualTo("0b8e4c1e-2f6a-4b7e-9a51-3c2d8f1e6a90");
        assertThat(node.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(node.get("status").asInt()).isEqualTo(200);
        assertThat(node.get("truncated").asBoolean()).isTrue();
        assertThat(node.get("path").asText()).startsWith("/fhir/R4/Patient/").doesNotContain("Simpson");
    }

    @Test
    void boundHoldsEvenWhenFieldNamesAloneAreTooLong() throws Exception {
        JsonLineLayout layout = JsonLineLayout.contract(1024).withRenamed(Map.of("msg", "m".repeat(2000)));
        String line = new JsonLineFormatter(layout).format(record(Level.INFO, "hi"));

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        assertThat(STRICT.readTree(line).get("truncated").asBoolean()).isTrue();
    }

    @Test
    void lineFieldsWinOverTheMdcAndCollidingKeysArePrefixed() throws Exception {
        // issue 9, item 4: an app's MDC overwrote the redacted path and the hashed user of the audit line
        ExtLogRecord record = record(Level.INFO, "ignored");
        record.setParameters(new Object[] { new LineFields("Request served").put("path", "/fhir/R4/Patient?name=***")
                .put("status", 200L).put("user", "3f2a9c0d11e4b5a6").put("requestId", "req-line")
                .put("traceId", "trace-line") });
        // MDC tables here and in the next test (and in deployment's MdcCollisionTest) look alike: each lists the keys
        // its own case collides on, spelled out so the assertions below can be read against them.
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "req-line");
        mdc.put("traceId", "trace-line");
        mdc.put("path", "/fhir/R4/Patient?name=Simpson&birthdate=1956-05-12");
        mdc.put("user", "homer.simpson@example.com");
        mdc.put("status", "200");
        mdc.put("msg", "app msg");
        mdc.put("level", "app level");
        mdc.put("timestamp", "app timestamp");
        mdc.put("logger", "app logger");
        mdc.put("truncated", "app truncated");
        mdc.put("tenant", "acme");
        record.setMdc(mdc);

        String line = format(record, 16384);
        JsonNode node = STRICT.readTree(line);

        assertThat(node.get("path").asText()).isEqualTo("/fhir/R4/Patient?name=***");
        assertThat(node.get("user").asText()).isEqualTo("3f2a9c0d11e4b5a6");
        assertThat(node.get("status").isInt()).isTrue();
        assertThat(node.get("msg").asText()).isEqualTo("Request served");
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("logger").asText()).isEqualTo("io.example.Test");
        assertThat(node.get("requestId").asText()).isEqualTo("req-line");
        assertThat(node.has("truncated")).isFalse();
        assertThat(node.get("tenant").asText()).isEqualTo("acme");
        assertThat(node.get("mdc.path").asText()).isEqualTo("/fhir/R4/Patient?name=Simpson&birthdate=1956-05-12");
        assertThat(node.get("mdc.user").asText()).isEqualTo("homer.simpson@example.com");
        assertThat(node.get("mdc.status").asText()).isEqualTo("200");
        assertThat(node.get("mdc.msg").asText()).isEqualTo("app msg");
        assertThat(node.get("mdc.level").asText()).isEqualTo("app level");
        assertThat(node.get("mdc.timestamp").asText()).isEqualTo("app timestamp");
        assertThat(node.get("mdc.logger").asText()).isEqualTo("app logger");
        assertThat(node.get("mdc.truncated").asText()).isEqualTo("app truncated");
        assertThat(node.has("mdc.requestId")).isFalse();
        assertThat(node.has("mdc.tenant")).isFalse();
    }

    @Test
    void ordinaryLinesKeepTheirFieldsToo() throws Exception {
        JsonLineLayout layout = JsonLineLayout.contract(16384).withRenamed(Map.of("msg", "message"))
                .withAdditionalFields(Map.of("service", "fhir-api"));
        ExtLogRecord record = record(Level.WARN, "the message");
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("message", "app message");
        mdc.put("msg", "not a field of this layout");
        mdc.put("service", "app service");
        mdc.put("path", "/app/path");
        mdc.put("mdc.message", "already prefixed by the app");
        record.setMdc(mdc);

        JsonNode node = STRICT.readTree(new JsonLineFormatter(layout).format(record));

        assertThat(node.get("message").asText()).isEqualTo("the message");
        assertThat(node.get("msg").asText()).isEqualTo("not a field of this layout");
        assertThat(node.get("service").asText()).isEqualTo("fhir-api");
        assertThat(node.get("mdc.service").asText()).isEqualTo("app service");
        assertThat(node.has("path")).isFalse(); // a field of audit lines: never an app's value under that name
        assertThat(node.get("mdc.path").asText()).isEqualTo("/app/path");
        assertThat(node.get("mdc.message").asText()).isEqualTo("already prefixed by the app");
        assertThat(node.get("mdc.mdc.message").asText()).isEqualTo("app message");
    }

    private static String level(java.util.logging.Level level) throws Exception {
        return JSON.readTree(format(record(level, "x"), 16384)).get("level").asText();
    }

    @Test
    void parametersThatDoNotFitTheirFormatLeaveTheFormatAndTheRestOfTheLine() throws Exception {
        // infof("loaded patient %d", "abc"): JBoss Logging formats printf records only when a handler asks
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "loaded patient %d", ExtLogRecord.FormatStyle.PRINTF,
                "test");
        record.setParameters(new Object[] { "abc" });
        record.setLoggerName("io.example.Test");
        record.setMdc(Map.of("requestId", "r-1", "traceId", "t-1"));

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("msg").asText()).isEqualTo(
                "loaded patient %d (parameters not written: java.util.IllegalFormatConversionException)");
        assertThat(node.get("requestId").asText()).isEqualTo("r-1");
        assertThat(node.get("traceId").asText()).isEqualTo("t-1");
        assertThat(node.has("timestamp")).isTrue();
    }

    @Test
    void anExceptionWhoseMessageThrowsStillLeavesAWholeLine() throws Exception {
        ExtLogRecord record = record(Level.ERROR, "lazy proxy failed");
        record.setMdc(Map.of("requestId", "r-2", "traceId", "t-2"));
        record.setThrown(new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no session");
            }
        });

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("msg").asText()).isEqualTo("lazy proxy failed");
        assertThat(node.get("error").asText()).contains("(message not written: java.lang.UnsupportedOperationException)");
        assertThat(node.get("requestId").asText()).isEqualTo("r-2");
        assertThat(node.get("stack").asText()).startsWith(node.get("error").asText() + "\n\tat ");
    }

    /**
     * A cause whose message cannot be read took the whole stack with it and the top exception's readable message too
     * ("message not written" in error, no stack): only that cause's message is left out now.
     */
    @Test
    void aCauseWhoseMessageThrowsLeavesTheRestOfTheStack() throws Exception {
        ExtLogRecord record = record(Level.ERROR, "save failed");
        record.setThrown(new IllegalStateException("could not save Patient", new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no session");
            }
        }));

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("error").asText()).isEqualTo("java.lang.IllegalStateException: could not save Patient");
        assertThat(node.get("stack").asText()).startsWith("java.lang.IllegalStateException: could not save Patient\n")
                .contains("\nCaused by: " + record.getThrown().getCause().getClass().getName()
                        + " (message not written: java.lang.UnsupportedOperationException)\n");
    }

    @Test
    void theLineOfARecordThatCannotBeFormattedAtAllKeepsItsTimeAndIds() throws Exception {
        // a logger name whose toString cannot fail is still written; what fails here is the MDC value's toString
        ExtLogRecord record = record(Level.INFO, "hello");
        java.util.Map<String, Object> mdc = new java.util.LinkedHashMap<>();
        mdc.put("requestId", "r-3");
        mdc.put("traceId", "t-3");
        mdc.put("tenant", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken MDC value");
            }
        });
        record.setMdc(mdc);
        record.copyMdc();

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("msg").asText()).isEqualTo("log record could not be formatted: java.lang.IllegalStateException");
        assertThat(node.get("requestId").asText()).isEqualTo("r-3");
        assertThat(node.get("traceId").asText()).isEqualTo("t-3");
        assertThat(node.get("timestamp").asText()).endsWith("Z");
    }

    /**
     * {@code quarkus.log.console.json.excluded-keys} applies to the JSON line (index.adoc), the line of a record that
     * cannot be formatted too: it left out an excluded timestamp, ID and error, but wrote level, logger and msg anyway.
     */
    @Test
    void theLineOfARecordThatCannotBeFormattedLeavesOutTheExcludedKeys() throws Exception {
        ExtLogRecord record = record(Level.INFO, "hello");
        Map<String, Object> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r-7");
        mdc.put("traceId", "t-7");
        mdc.put("tenant", throwingToString(new IllegalStateException("broken MDC value")));
        record.setMdc(mdc);
        record.copyMdc();
        JsonLineLayout layout = JsonLineLayout.contract(16384).withExcluded(Set.of("level", "logger", "msg"));

        JsonNode node = STRICT.readTree(new JsonLineFormatter(layout).format(record));

        assertThat(node.has("level")).as(node.toString()).isFalse();
        assertThat(node.has("logger")).as(node.toString()).isFalse();
        assertThat(node.has("msg")).as(node.toString()).isFalse();
        assertThat(node.get("requestId").asText()).isEqualTo("r-7");
        assertThat(node.get("timestamp").asText()).endsWith("Z");
    }

    /**
     * The line written when a record cannot be formatted keeps to max-line-bytes too ("the bound is exact for every
     * value"): outside a request an app's requestId, traceId and spanId are written as they are, and with them a
     * long logger name and exception type, each capped at 256 bytes, came to more than the smallest bound.
     */
    @Test
    void theLineOfARecordThatCannotBeFormattedKeepsTheBound() throws Exception {
        ExtLogRecord record = record(Level.ERROR, "hello");
        record.setLoggerName("io.example." + "logger".repeat(100));
        Map<String, Object> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r".repeat(1000));
        mdc.put("traceId", "t".repeat(1000));
        mdc.put("spanId", "s".repeat(1000));
        mdc.put("tenant", throwingToString(new IllegalStateException("broken MDC value")));
        record.setMdc(mdc);
        record.copyMdc();
        record.setThrown(new IllegalStateException("failed"));

        String line = format(record, 1024);

        assertThat(line.getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
        JsonNode node = STRICT.readTree(line);
        assertThat(node.get("msg").asText()).isEqualTo("log record could not be formatted: java.lang.IllegalStateException");
        assertThat(node.get("requestId").asText()).startsWith("rrr");
        assertThat(node.get("truncated").asBoolean()).isTrue();
    }

    /**
     * "whose toString() throws" means any throwable: an AssertionError or a NoClassDefFoundError from a toString(), a
     * checked exception from a Kotlin class (no checked exceptions there) or from Lombok's @SneakyThrows. The
     * console handler reports an Exception from the formatter on stderr (not JSON) and drops an Error silently:
     * either way the line was lost.
     */
    @Test
    void aParameterWhoseToStringThrowsAnyThrowableLeavesTheFormatAndTheRestOfTheLine() throws Exception {
        for (Throwable thrown : new Throwable[] { new AssertionError("invariant"),
                new TimeoutException("sneaky") }) {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "loaded %s", ExtLogRecord.FormatStyle.PRINTF, "test");
            record.setParameters(new Object[] { throwingToString(thrown) });
            record.setLoggerName("io.example.Test");
            record.setMdc(Map.of("requestId", "r-4", "traceId", "t-4"));

            JsonNode node = STRICT.readTree(format(record, 16384));

            assertThat(node.get("msg").asText())
                    .isEqualTo("loaded %s (parameters not written: " + thrown.getClass().getName() + ")");
            assertThat(node.get("requestId").asText()).isEqualTo("r-4");
        }
    }

    /**
     * An exception whose getStackTrace() returns null (a mock: Mockito's {@code mock(IOException.class)} does) or an
     * array with a null frame: the stack could not be written, and its failure was blamed on the message, so the
     * error lost a message that was there ("message not written: java.lang.NullPointerException"). The frames that
     * are not there are left out; the message and the causes are written.
     */
    @Test
    void anExceptionWithoutFramesKeepsItsMessageAndStack() throws Exception {
        Throwable noFrames = new IllegalStateException("boom", new java.io.IOException("disk")) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return null;
            }
        };
        Throwable nullFrame = new IllegalStateException("boom", new java.io.IOException("disk")) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] { null, new StackTraceElement("io.example.Service", "run", "Service.java", 7) };
            }
        };
        for (Throwable thrown : new Throwable[] { noFrames, nullFrame }) {
            ExtLogRecord record = record(Level.ERROR, "failed");
            record.setThrown(thrown);

            JsonNode node = STRICT.readTree(format(record, 16384));

            assertThat(node.get("error").asText()).isEqualTo(thrown.getClass().getName() + ": boom");
            assertThat(node.get("stack").asText()).startsWith(thrown.getClass().getName() + ": boom\n")
                    .contains("Caused by: java.io.IOException: disk\n");
        }
        assertThat(STRICT.readTree(format(errorWith(nullFrame), 16384)).get("stack").asText())
                .contains("\tat io.example.Service.run(Service.java:7)\n");
    }

    @Test
    void anExceptionWhoseMessageThrowsAnErrorStillLeavesAWholeLine() throws Exception {
        ExtLogRecord record = record(Level.ERROR, "lazy proxy failed");
        record.setMdc(Map.of("requestId", "r-5", "traceId", "t-5"));
        record.setThrown(new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new NoClassDefFoundError("org/hibernate/Session");
            }
        });

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("msg").asText()).isEqualTo("lazy proxy failed");
        assertThat(node.get("error").asText()).contains("(message not written: java.lang.NoClassDefFoundError)");
        assertThat(node.get("requestId").asText()).isEqualTo("r-5");
    }

    @Test
    void anMdcValueWhoseToStringThrowsAnErrorStillLeavesTheLineWithItsIds() throws Exception {
        ExtLogRecord record = record(Level.INFO, "hello");
        Map<String, Object> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "r-6");
        mdc.put("tenant", throwingToString(new AssertionError("invariant")));
        record.setMdc(mdc);
        record.copyMdc();

        JsonNode node = STRICT.readTree(format(record, 16384));

        assertThat(node.get("msg").asText()).isEqualTo("log record could not be formatted: java.lang.AssertionError");
        assertThat(node.get("requestId").asText()).isEqualTo("r-6");
    }

    private static Object throwingToString(Throwable thrown) {
        return new Object() {
            @Override
            public String toString() {
                return JsonLineFormatterTest.<RuntimeException>sneaky(thrown);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> String sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }

    @Test
    void anAdditionalFieldNamedLikeAnIdIsNeverWrittenBesideIt() throws Exception {
        ExtLogRecord record = record(Level.INFO, "hello");
        record.setMdc(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
        JsonLineLayout layout = JsonLineLayout.contract(16384)
                .withAdditionalFields(Map.of("traceId", "static", "service", "fhir"));

        JsonNode node = STRICT.readTree(new JsonLineFormatter(layout).format(record));

        assertThat(node.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(node.get("service").asText()).isEqualTo("fhir");
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
