package io.medplumlogs.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * {@code quarkus.medplum-logs.login.enabled} is fixed at build time (the observer of Quarkus' security events is
 * registered or not when the application is built): set otherwise on the packaged application, it changes nothing
 * and start-up says so, naming the key and both values.
 */
class LoginSwitchAtRunTimeTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("login-switch-at-run-time").setApplicationVersion("1")
            // a free port: other test JVMs may hold 8081
            .setRuntimeProperties(Map.of("quarkus.medplum-logs.login.enabled", "false", "quarkus.http.port", "0"))
            .setRun(true);

    @Test
    void startUpWarnsThatTheBuildsValueStays() {
        assertThat(APP.getStartupConsoleOutput()).contains("quarkus.medplum-logs.login.enabled is set to 'false'"
                + " but it is build time fixed to 'true'");
    }
}
