package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * {@code json} unset: "off when the dev or test profile is active", also for a packaged application started with
 * {@code -Dquarkus.profile=dev} (read by a person): its start-up line is the readable pattern.
 */
class DevProfileOnPackagedAppTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("dev-profile-packaged").setApplicationVersion("1")
            // a free port: other test JVMs may hold 8081
            .setRuntimeProperties(Map.of("quarkus.profile", "dev", "quarkus.http.port", "0"))
            .setRun(true);

    @Test
    void startUpLineIsReadable() {
        String started = APP.getStartupConsoleOutput().lines().filter(l -> l.contains("Listening on"))
                .findFirst().orElseThrow(() -> new AssertionError(APP.getStartupConsoleOutput()));
        assertThat(started).doesNotStartWith("{").contains("[io.quarkus]").contains("[|]");
    }
}
