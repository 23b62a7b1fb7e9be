package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Form login ({@code quarkus.http.auth.form.enabled}): a login that works on {@code j_security_check} is one
 * {@code Login succeeded} line, like a failed one is one {@code Login failed} line. Quarkus answers a successful form
 * post with its redirect and fires no {@code AuthenticationSuccessEvent} for it, only its own form-login event.
 */
class FormLoginLinesTest {

    private static final String KEY = "test-identity-key";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), "s3cret-pw")
            .overrideConfigKey("quarkus.http.auth.basic", "false")
            .overrideConfigKey("quarkus.http.auth.form.enabled", "true")
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", KEY);

    @Test
    void aFormLoginThatWorksIsOneLoginSucceededLine() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().redirects().follow(false).header("User-Agent", "form-test/1")
                    .formParam("j_username", "alice").formParam("j_password", "s3cret-pw")
                    .post("/j_security_check").andReturn();
            assertThat(response.statusCode()).isEqualTo(302);

            List<JsonNode> succeeded = console.await(m -> m.equals("Login succeeded"), 1);
            assertThat(succeeded).hasSize(1);
            JsonNode line = succeeded.get(0);
            assertThat(line.get("outcome").asText()).isEqualTo("success");
            assertThat(line.get("mechanism").asText()).isEqualTo("form");
            assertThat(line.get("user").asText()).isEqualTo(hmac("alice"));
            assertThat(line.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(line.get("ua").asText()).isEqualTo("form-test/1");
            assertThat(line.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            console.await(m -> m.equals("Request served"), 1);
            assertThat(console.lines()).noneMatch(l -> l.contains("s3cret-pw") || l.contains("\"alice\""))
                    .filteredOn(l -> l.contains("Login ")).hasSize(1);
        }
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
