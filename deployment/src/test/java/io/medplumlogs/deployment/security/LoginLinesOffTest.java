package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;


import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** Turned off, login lines cost nothing: no observer bean exists. */
class LoginLinesOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .overrideConfigKey("quarkus.medplum-logs.login.enabled", "false");

    @Inject
    BeanManager beans;

    @Test
    void noObserverAndNoLines() {
        assertThat(beans.getBeans(io.medplumlogs.runtime.security.LoginAttemptLogger.class)).isEmpty();
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", "wrong").get("/secured").then().statusCode(401);
            assertThat(console.await(m -> m.equals("Request served"), 1)).hasSize(1);
            assertThat(console.json(m -> m.startsWith("Login"))).isEmpty();
        }
    }
}
