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
        ConsoleHandler console = new ConsoleHandler(new JsonLineFormatter(JsonLineLayout.contract(16384)));
        console.setOutputStream(stdout);
        LogContext context = LogContext.create();
        context.getLogger("").addHandler(console);
        Logger app = context.getLogger("app");

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
}
