package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/** By default no proxy is trusted: a spoofed X-Forwarded-For or Forwarded changes nothing. */
class UntrustedForwardingTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void spoofedHeadersAreIgnored() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().header("X-Forwarded-For", "203.0.113.7").header("Forwarded", "for=198.51.100.9")
                    .get("/log/worker?tag=spoof").then().statusCode(200);
            assertThat(console.await(m -> m.equals("Request served"), 1).get(0).get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(console.lines()).noneMatch(l -> l.contains("203.0.113.7") || l.contains("198.51.100.9"));
        }
    }
}
