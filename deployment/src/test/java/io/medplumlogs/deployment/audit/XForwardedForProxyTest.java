package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Behind a proxy that appends to X-Forwarded-For only (an AWS ALB), a client's own {@code Forwarded} header reaches
 * the app untouched: with {@code forwarding-header=x-forwarded-for} it is never read.
 */
class XForwardedForProxyTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.trusted-proxies", "127.0.0.0/8")
            .overrideConfigKey("quarkus.medplum-logs.forwarding-header", "X-Forwarded-For");

    @Test
    void aClientsForwardedHeaderIsIgnored() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("Forwarded", "for=6.6.6.6").header("X-Forwarded-For", "198.51.100.7")
                    .get("/log/worker?tag=alb").then().statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1).get(0).get("ip").asText())
                    .isEqualTo("198.51.100.7");
        }
    }
}
