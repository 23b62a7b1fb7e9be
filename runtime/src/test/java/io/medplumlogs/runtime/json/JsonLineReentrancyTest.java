package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A value the line writes whose {@code toString()} logs (a lazy MDC object that logs what it computes): the console
 * handler formats on the logging thread, so that line is formatted while the first one is half written, by the same
 * formatter on the same thread. Both must come out whole, each on its own line.
 */
class JsonLineReentrancyTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aLineLoggedWhileAnotherIsFormattedLeavesBothWhole() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ConsoleHandler console = console(16384, stdout);
        Logger app = logger(console);

        MDC.put("requestId", "r-1");
        MDC.putObject("order", new Object() {
            private boolean computed;

            @Override
            public String toString() {
                if (!computed) {
                    computed = true;
                    app.info("computing the order's label");
                }
                return "o-1";
            }
        });
        app.info("placing order");
        console.flush();

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode inner = STRICT.readTree(lines.get(0));
        JsonNode outer = STRICT.readTree(lines.get(1));
        assertThat(inner.get("msg").asText()).isEqualTo("computing the order's label");
        assertThat(outer.get("msg").asText()).isEqualTo("placing order");
        assertThat(outer.get("order").asText()).isEqualTo("o-1");
        assertThat(outer.get("requestId").asText()).isEqualTo("r-1");
    }

    /**
     * A line above max-line-bytes is rendered again to fit: an MDC object's toString() must still run once, or an
     * object that logs (or counts, or changes) does so once per pass and the size worked out in one pass is wrong in
     * the next.
     */
    @Test
    void anMdcObjectIsReadOnceAlsoWhenTheLineIsRenderedAgainToFit() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ConsoleHandler console = console(1024, stdout);
        Logger app = logger(console);
        int[] reads = new int[1];
        MDC.putObject("order", new Object() {
            @Override
            public String toString() {
                reads[0]++;
                return "o-" + reads[0];
            }
        });

        app.info("x".repeat(4000));
        console.flush();

        assertThat(reads[0]).isEqualTo(1);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("\"order\":\"o-1\"");
    }

    /**
     * What the line does not write is not read: an app's object under an ID key the line takes from its own fields
     * (an audit line's requestId) or that is switched off. Its toString() may log or fail; it was not called before
     * the MDC was read once per line, and must not be now.
     */
    @Test
    void anMdcObjectUnderAnIdKeyTheLineDoesNotWriteIsNotRead() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ConsoleHandler console = new ConsoleHandler(new JsonLineFormatter(JsonLineLayout.contract(16384)
                .withExcluded(java.util.Set.of("traceId"))));
        console.setOutputStream(stdout);
        Logger app = logger(console);
        int[] reads = new int[1];
        Object counted = new Object() {
            @Override
            public String toString() {
                reads[0]++;
                return "app-value";
            }
        };
        MDC.putObject("requestId", counted);
        MDC.putObject("traceId", counted);

        app.log(org.jboss.logmanager.Level.INFO, io.medplumlogs.runtime.audit.LineFields.READABLE_FORMAT,
                new io.medplumlogs.runtime.audit.LineFields("Request served").put("requestId", "req-own")
                        .readableArguments());
        console.flush();

        assertThat(reads[0]).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("\"requestId\":\"req-own\"")
                .doesNotContain("app-value");
    }

    /** A console handler writing JSON lines of at most {@code maxLineBytes} into {@code stdout}. */
    private static ConsoleHandler console(int maxLineBytes, ByteArrayOutputStream stdout) {
        ConsoleHandler console = new ConsoleHandler(new JsonLineFormatter(JsonLineLayout.contract(maxLineBytes)));
        console.setOutputStream(stdout);
        return console;
    }

    /** An application logger of a log context of its own whose root writes to {@code console}. */
    private static Logger logger(ConsoleHandler console) {
        LogContext context = LogContext.create();
        context.getLogger("").addHandler(console);
        return context.getLogger("app");
    }
}
