package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With Quarkus' proxy forwarding on (which takes the leftmost, client-written hop), our trusted proxies still decide:
 * the chain is walked from the right and the first untrusted hop is the client; {@code Forwarded} wins over
 * {@code X-Forwarded-For} when a trusted proxy sent both.
 */
class ProxyAddressForwardingTrustedTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.medplum-logs.trusted-proxies", "127.0.0.0/8,10.0.0.0/16");

    @Test
    void theChainIsWalkedFromTheRight() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.0.3.4").get("/log/worker?tag=walk").then()
                    .statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1).get(0).get("ip").asText())
                    .isEqualTo("203.0.113.7");
        }
    }

    @Test
    void forwardedWinsOverXForwardedFor() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=198.51.100.9;proto=https, for=10.0.3.4")
                    .get("/log/worker?tag=both").then().statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1).get(0).get("ip").asText())
                    .isEqualTo("198.51.100.9");
        }
    }
}
