package io.medplumlogs.deployment.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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

/**
 * Hostile spellings of a Basic header (log-contract.adoc#failed-login-user): the failed line's {@code user} is the
 * name Quarkus' Basic mechanism read, from the first {@code Authorization: Basic} header, decoded as UTF-8, up to the
 * first colon; a header Quarkus did not take names no one, and no line ever holds the credential.
 */
class BasicHeaderHostileTest {

    private static final String KEY = "test-identity-key";
    private static final String PASSWORD = "Tr0ub4dor&3-wonderland";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(SecuredResource.class), PASSWORD)
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", KEY);

    @Test
    void aLowerCaseSchemeIsReadLikeQuarkusReadsIt() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Authorization", "basic " + base64("mallory:" + PASSWORD)).get("/secured").then()
                    .statusCode(401);

            JsonNode line = console.await(m -> m.equals("Login failed"), 1).get(0);
            assertThat(line.get("mechanism").asText()).isEqualTo("basic");
            assertThat(line.get("user").asText()).isEqualTo(hmac("mallory"));
            assertNoCredential(console, "mallory:" + PASSWORD);
        }
    }

    @Test
    void aSchemeQuarkusDoesNotTakeNamesNoAccount() throws Exception {
        // a tab or two spaces after "Basic": Quarkus ignores the first and cannot decode the second
        for (String header : new String[] { "Basic\t" + base64("mallory:x"), "Basic  " + base64("mallory:x"),
                "Basic " + base64("mallory:x") + "!" }) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                given().header("Authorization", header).get("/secured").then().statusCode(401);
                console.await(m -> m.equals("Request served"), 1);
                List<JsonNode> failed = console.json(m -> m.startsWith("Login"));
                assertThat(failed).as(header).allSatisfy(l -> assertThat(l.has("user")).as(l.toString()).isFalse());
                assertThat(console.lines()).as(header).noneMatch(l -> l.contains(hmacUnchecked("mallory")));
            }
        }
    }

    @Test
    void aColonSpelledAsAnOverlongOrInvalidSequenceIsNoColon() throws Exception {
        // 0xC0 0xBA is an overlong ':'; UTF-8 decoding makes it U+FFFD twice, as Quarkus does: no user part
        byte[] overlong = bytes("mallory".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xC0, (byte) 0xBA },
                "x".getBytes(StandardCharsets.US_ASCII));
        // an invalid byte before a real colon: Quarkus reads the name with U+FFFD, and so does the line
        byte[] invalid = bytes("mal".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xFF },
                "lory:x".getBytes(StandardCharsets.US_ASCII));
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(overlong)).get("/secured")
                    .then().statusCode(401);
            given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(invalid)).get("/secured")
                    .then().statusCode(401);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 2);
            assertThat(failed).hasSize(2);
            assertThat(failed.get(0).has("user")).as(failed.get(0).toString()).isFalse();
            assertThat(failed.get(1).get("user").asText()).isEqualTo(hmac("mal\uFFFDlory"));
        }
    }

    @Test
    void onlyTheFirstBasicHeaderNamesTheAccount() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            // the first Basic header is mallory's wrong password; alice's right one after it is not what Quarkus read
            given().header("Authorization", "Basic " + base64("mallory:x"))
                    .header("Authorization", "Basic " + base64("alice:" + PASSWORD)).get("/secured").then()
                    .statusCode(401);
            // a scheme Quarkus' Basic does not read, then a Basic one: Quarkus reads the Basic one
            given().header("Authorization", "Bearer abc.def")
                    .header("Authorization", "Basic " + base64("mallory:y")).get("/secured").then().statusCode(401);

            List<JsonNode> failed = console.await(m -> m.equals("Login failed"), 2);
            assertThat(failed).hasSize(2);
            assertThat(failed).extracting(l -> l.path("user").asText()).containsOnly(hmac("mallory"));
            assertThat(failed).extracting(l -> l.path("mechanism").asText()).containsOnly("basic");
            assertThat(console.json(m -> m.equals("Login succeeded"))).isEmpty();
            assertNoCredential(console, "alice:" + PASSWORD);
        }
    }

    @Test
    void anOidcSessionCookieBesideABasicLoginIsBasic() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().cookie("q_session", "eyJhbGciOiJkaXIifQ.x").header("Authorization", "Basic " + base64("mallory:x"))
                    .get("/secured").then().statusCode(401);
            JsonNode line = console.await(m -> m.equals("Login failed"), 1).get(0);
            assertThat(line.get("mechanism").asText()).isEqualTo("basic");
            assertThat(line.get("user").asText()).isEqualTo(hmac("mallory"));
            assertThat(console.lines()).noneMatch(l -> l.contains("eyJhbGciOiJkaXIifQ"));
        }
    }

    @Test
    void aUserAgentWithControlCharactersCannotBreakTheLine() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("User-Agent", "evil\u0001\u001b[31m\u007f").header("Authorization",
                    "Basic " + base64("mallory:x")).get("/secured").then().statusCode(401);
            JsonNode line = console.await(m -> m.equals("Login failed"), 1).get(0);
            assertThat(line.get("ua").asText()).startsWith("evil");
            assertThat(console.lines()).filteredOn(l -> l.contains("Login failed"))
                    .allSatisfy(l -> assertThat(l.chars().filter(c -> c < 0x20 || c == 0x7f).count()).isEqualTo(1));
        }
    }

    private static void assertNoCredential(ConsoleLines console, String credential) {
        assertThat(console.lines()).noneMatch(l -> l.contains(PASSWORD) || l.contains(base64(credential))
                || l.contains("\"mallory\"") || l.contains("asic "));
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacUnchecked(String user) {
        try {
            return hmac(user);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String user) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(user.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
