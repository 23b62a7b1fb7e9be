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
 * An application that logs in with a form only (Basic off). An attacker guessing alice's password on
 * {@code j_security_check} adds an {@code Authorization: Basic} header naming another account, which Quarkus ignores:
 * the failed login must not be counted against that account (nor carry the decoy's scheme), or failures per account
 * could be dodged and pinned on anyone.
 */
class FormLoginWithDecoyBasicHeaderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "s3cret-pw")
            .overrideConfigKey("quarkus.http.auth.basic", "false")
            .overrideConfigKey("quarkus.http.auth.form.enabled", "true")
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", "test-identity-key");

    @Test
    void aFailedFormLoginIsFormAndCarriesNoNameFromAnIgnoredBasicHeader() {
        String decoy = Base64.getEncoder().encodeToString("mallory:x".getBytes(StandardCharsets.UTF_8));
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().redirects().follow(false).header("Authorization", "Basic " + decoy)
                    .formParam("j_username", "alice").formParam("j_password", "wrong")
                    .post("/j_security_check").then().statusCode(302);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 1);
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).get("mechanism").asText()).isEqualTo("form");
            // a form login carries no typed name (log-contract.adoc), least of all one Quarkus never read
            assertThat(failed.get(0).has("user")).isFalse();
        }
    }

    @Test
    void aLoginRestoredFromTheFormsCookieIsForm() {
        String cookie = given().redirects().follow(false).formParam("j_username", "alice")
                .formParam("j_password", "s3cret-pw").post("/j_security_check").then().statusCode(302)
                .extract().cookie("quarkus-credential");
        assertThat(cookie).isNotNull();
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().cookie("quarkus-credential", cookie).get("/secured").then().statusCode(200);

            List<JsonNode> succeeded = console.await(m -> m.equals("Login succeeded"), 1);
            assertThat(succeeded).hasSize(1);
            assertThat(succeeded.get(0).get("mechanism").asText()).isEqualTo("form");
        }
    }

    @Test
    void aLoginRestoredFromTheFormsCookieIsFormWhateverAuthorizationCameWithIt() {
        // log-contract.adoc#login-lines: "a login restored from the form's cookie [is] form, whatever Authorization
        // header came with [it]"; the path is no j_security_check, so only Quarkus' record of its mechanism tells
        String cookie = given().redirects().follow(false).formParam("j_username", "alice")
                .formParam("j_password", "s3cret-pw").post("/j_security_check").then().statusCode(302)
                .extract().cookie("quarkus-credential");
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().cookie("quarkus-credential", cookie).header("Authorization", "Bearer abc.def").get("/secured")
                    .then().statusCode(200);
            given().cookie("quarkus-credential", cookie).header("Authorization", "Negotiate YIIB")
                    .header("Authorization", "Bearer abc.def").get("/secured").then().statusCode(200);

            List<JsonNode> succeeded = console.await(m -> m.equals("Login succeeded"), 2);
            assertThat(succeeded).hasSize(2)
                    .allSatisfy(l -> assertThat(l.get("mechanism").asText()).as(l.toString()).isEqualTo("form"));
        }
    }
}
