package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * {@code json} unset: "on in prod", which a packaged application started with a profile of its own ({@code staging})
 * is: its start-up line is a JSON line (with JSON off, the readable pattern would replace logging-json's formatter).
 */
class CustomProfileJsonTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("custom-profile-json").setApplicationVersion("1")
            // a free port: other test JVMs may hold 8081
            .setRuntimeProperties(Map.of("quarkus.profile", "staging", "quarkus.http.port", "0"))
            .setRun(true);

    @Test
    void startUpLinesAreJson() {
        String started = APP.getStartupConsoleOutput().lines().filter(l -> l.contains("Listening on"))
                .findFirst().orElseThrow(() -> new AssertionError(APP.getStartupConsoleOutput()));
        assertThat(started).startsWith("{").contains("\"msg\":\"");
        assertThat(APP.getStartupConsoleOutput()).contains("Profile staging activated");
    }
}
