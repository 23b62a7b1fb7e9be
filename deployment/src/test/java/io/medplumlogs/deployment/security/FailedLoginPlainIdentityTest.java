package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code user-identity=plain} a verified account is written by name, but the name typed into a failed login
 * may be a password: it is hashed with the identity key all the same.
 */
class FailedLoginPlainIdentityTest {

    private static final String KEY = "plain-mode-key";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "pw")
            .overrideConfigKey("quarkus.medplum-logs.user-identity", "plain")
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", KEY);

    @Test
    void successIsPlainFailureIsHashed() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", "pw").get("/secured").then().statusCode(200);
            given().auth().preemptive().basic("s3cret-typed-as-name", "pw").get("/secured").then().statusCode(401);

            assertThat(console.await(m -> m.equals("Login succeeded"), 1).get(0).get("user").asText())
                    .isEqualTo("alice");
            assertThat(console.await(m -> m.equals("Login failed"), 1).get(0).get("user").asText())
                    .isEqualTo(hmac("s3cret-typed-as-name"));
            assertThat(console.lines()).noneMatch(l -> l.contains("s3cret-typed-as-name"));
        }
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
