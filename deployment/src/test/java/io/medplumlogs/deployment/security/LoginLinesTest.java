package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/** Login lines from Quarkus security events: right outcome, right request, no credential anywhere. */
class LoginLinesTest {

    private static final String PASSWORD = "Tr0ub4dor&3-wonderland";
    private static final String KEY = "test-identity-key";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), PASSWORD)
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", KEY);

    // Capture, request, assert for each outcome: the steps are alike, the outcome and asserted fields differ.
    @Test
    void goodLoginGivesLoginSucceededWithTheRequestsIdsAndHashedUser() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().auth().preemptive().basic("alice", PASSWORD).header("User-Agent", "curl/8")
                    .get("/secured").andReturn();

            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> lines = console.await(m -> m.equals("Login succeeded"), 1);
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.get("outcome").asText()).isEqualTo("success");
            assertThat(line.get("mechanism").asText()).isEqualTo("basic");
            assertThat(line.get("user").asText()).isEqualTo(hmac("alice"));
            assertThat(line.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(line.get("ua").asText()).isEqualTo("curl/8");
            assertThat(line.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(line.get("traceId").asText()).isEqualTo(response.header("X-Trace-Id"));
            JsonNode served = console.await(m -> m.equals("Request served"), 1).get(0);
            assertThat(served.get("user").asText()).isEqualTo(hmac("alice"));
            assertNoCredential(console);
        }
    }

    @Test
    void badLoginGivesLoginFailedWithReasonAndNoCredential() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().auth().preemptive().basic("alice", PASSWORD + "x").get("/secured").andReturn();

            assertThat(response.statusCode()).isEqualTo(401);
            List<JsonNode> lines = console.await(m -> m.equals("Login failed"), 1);
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("outcome").asText()).isEqualTo("failure");
            assertThat(line.get("mechanism").asText()).isEqualTo("basic");
            assertThat(line.get("reason").asText()).matches("[A-Za-z]+Exception");
            // OWASP: failures carry the account, as the same keyed hash a success gets, so they count per account
            assertThat(line.get("user").asText()).isEqualTo(hmac("alice"));
            assertThat(line.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
            assertThat(console.lines()).noneMatch(l -> l.contains(PASSWORD + "x")
                    || l.contains(base64("alice:" + PASSWORD + "x")));
            assertNoCredential(console);
        }
    }

    @Test
    void aPasswordTypedAsTheUserNameIsOnlyEverWrittenHashed() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic(PASSWORD, "").get("/secured").then().statusCode(401);
            given().header("Authorization", "Basic " + base64("bob")).get("/secured").then().statusCode(401);
            given().header("Authorization", "Basic %%%not-base64").get("/secured").then().statusCode(401);

            List<JsonNode> lines = console.await(m -> m.equals("Login failed"), 3);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0).get("user").asText()).isEqualTo(hmac(PASSWORD));
            // no colon or no base64: no name was typed, so there is nothing to hash
            assertThat(lines.get(1).has("user")).isFalse();
            assertThat(lines.get(2).has("user")).isFalse();
            assertThat(console.lines()).noneMatch(l -> l.contains(PASSWORD) || l.contains("bob"));
        }
    }

    private static void assertNoCredential(ConsoleLines console) {
        assertThat(console.lines()).noneMatch(l -> l.contains(PASSWORD) || l.contains(base64("alice:" + PASSWORD))
                || l.contains("Basic ") || l.contains("\"alice\""));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
