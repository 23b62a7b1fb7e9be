package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Quarkus' security categories at DEBUG, as its guides suggest for troubleshooting a login: its Basic mechanism then
 * writes {@code Found basic auth header <name>:*****} for every attempt, the name as typed (an e-mail address, or a
 * password typed into the name field). The JSON line must not carry it.
 */
class QuarkusSecurityDebugLinesTest {

    private static final String TYPED = "homer.simpson@example.com";
    private static final String PASSWORD_AS_NAME = "Tr0ub4dor&3-typed-as-name";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .overrideConfigKey("quarkus.log.category.\"io.quarkus.vertx.http.runtime.security\".level", "DEBUG");

    @Test
    void theBasicMechanismsDebugLineDoesNotWriteTheTypedName() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic(TYPED, "wrong").get("/secured").then().statusCode(401);
            given().auth().preemptive().basic(PASSWORD_AS_NAME, "").get("/secured").then().statusCode(401);

            console.await(m -> m.equals("Login failed"), 2);
            // the line is there (the category is at DEBUG), without the name
            assertThat(console.lines()).anyMatch(l -> l.contains("Found basic auth header"));
            assertThat(console.lines()).noneMatch(l -> l.contains(TYPED) || l.contains("homer.simpson")
                    || l.contains(PASSWORD_AS_NAME));
        }
    }
}
