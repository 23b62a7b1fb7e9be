package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Quarkus' own proxy forwarding replaces the request's remote address with the leftmost {@code X-Forwarded-For}
 * hop, which the client writes. With no trusted proxy in our config, {@code ip} is still the socket peer.
 */
class ProxyAddressForwardingUntrustedTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.http.proxy.allow-forwarded", "true")
            .overrideConfigKey("quarkus.http.proxy.allow-x-forwarded", "true");

    @Test
    void forwardingHeadersCannotSpoofTheIp() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("X-Forwarded-For", "6.6.6.6, 7.7.7.7").get("/log/worker?tag=xff").then().statusCode(200);
            given().header("Forwarded", "for=6.6.6.6, for=7.7.7.7").get("/log/worker?tag=fwd").then().statusCode(200);

            assertThat(console.await(m -> m.equals("Request served"), 2))
                    .allSatisfy(line -> assertThat(line.get("ip").asText()).isEqualTo("127.0.0.1"));
            assertThat(console.lines()).noneMatch(l -> l.contains("6.6.6.6") || l.contains("7.7.7.7"));
        }
    }
}
