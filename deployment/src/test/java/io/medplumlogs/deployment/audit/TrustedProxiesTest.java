package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** X-Forwarded-For is believed only from a trusted proxy: here the test client's own address is one. */
class TrustedProxiesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.trusted-proxies", "127.0.0.0/8, 192.0.2.7 ,10.0.0.0/16");

    @Test
    void clientIpComesFromTheForwardingChain() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("X-Forwarded-For", "203.0.113.7, 10.0.3.4").get("/log/worker?tag=xff").then().statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1).get(0).get("ip").asText()).isEqualTo("203.0.113.7");
        }
    }
}
