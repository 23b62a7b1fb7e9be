package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A form login posted to a custom {@code quarkus.http.auth.form.post-location} is {@code form} (log-contract.adoc
 * #login-lines), whatever {@code Authorization} header came with it: the path does not end in {@code j_security_check},
 * so only Quarkus' record of the mechanism it ran can tell, and a decoy header must not name another scheme or account.
 */
class FormLoginCustomPostLocationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "s3cret-pw")
            .overrideConfigKey("quarkus.http.auth.basic", "false")
            .overrideConfigKey("quarkus.http.auth.form.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.form.post-location", "/signin/check")
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", "test-identity-key");

    @Test
    void successAndFailureOnACustomPostLocationAreForm() {
        String decoy = "Basic " + Base64.getEncoder().encodeToString("mallory:x".getBytes(StandardCharsets.UTF_8));
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().redirects().follow(false).header("Authorization", "Bearer abc.def")
                    .formParam("j_username", "alice").formParam("j_password", "s3cret-pw")
                    .post("/signin/check").then().statusCode(302);
            given().redirects().follow(false).header("Authorization", decoy)
                    .formParam("j_username", "alice").formParam("j_password", "wrong")
                    .post("/signin/check").then().statusCode(302);

            List<JsonNode> succeeded = console.await(m -> m.equals("Login succeeded"), 1);
            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
            assertThat(succeeded).singleElement()
                    .satisfies(l -> assertThat(l.get("mechanism").asText()).as(l.toString()).isEqualTo("form"));
            assertThat(failed).singleElement().satisfies(l -> {
                assertThat(l.get("mechanism").asText()).as(l.toString()).isEqualTo("form");
                assertThat(l.has("user")).as(l.toString()).isFalse();
            });
        }
    }
}
