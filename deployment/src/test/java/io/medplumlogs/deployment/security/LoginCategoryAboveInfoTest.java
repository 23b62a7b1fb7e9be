package io.medplumlogs.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** Login lines that are on but kept out by their category's level: refused at start-up, naming their switch. */
class LoginCategoryAboveInfoTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp
            .withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.login\".level", "ERROR"));

    @Test
    void startUpNamesTheLevelAndTheSwitch() {
        assertThat(APP.messages()).contains("quarkus.log.category.\"io.medplumlogs.login\".level", "ERROR",
                "quarkus.medplum-logs.login.enabled=false");
    }
}
