package io.medplumlogs.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The HAPI demo behind a trusted proxy (the test client's loopback address): the forwarding chain is walked from the
 * right and stops at the first hop that is not a trusted proxy, so a client cannot put its own address in front;
 * with both headers from the trusted proxy, {@code Forwarded} wins (the default {@code forwarding-header}).
 */
@QuarkusTest
@TestProfile(ClientIpTrustedProxyTest.LoopbackIsTheProxy.class)
class ClientIpTrustedProxyTest {

    // One behaviour per test class with its own app: the set-up lines look alike across these tests.
    public static class LoopbackIsTheProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.medplum-logs.trusted-proxies", "127.0.0.1/32,::1/128,10.0.0.0/8");
        }
    }

    @Test
    void theChainIsWalkedFromTheRightAndForwardedWins() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            // the client wrote 6.6.6.6; the proxy appended the client's real address, 7.7.7.7, then an inner proxy
            Response chain = given().header("X-Forwarded-For", "6.6.6.6, 7.7.7.7, 10.1.2.3")
                    .get("/fhir/R4/metadata").andReturn();
            Response both = given().header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=198.51.100.9")
                    .get("/fhir/R4/metadata").andReturn();

            assertThat(ClientIpBehindProxyTest.servedLine(console, chain).path("ip").asText()).isEqualTo("7.7.7.7");
            assertThat(ClientIpBehindProxyTest.servedLine(console, both).path("ip").asText())
                    .isEqualTo("198.51.100.9");
        }
    }

    /**
     * nginx's {@code proxy_set_header Forwarded "$http_forwarded, for=$remote_addr"} appends to the client's header on
     * the same line: a client that leaves a quoted value open must not have the proxy's element read into its quote.
     */
    @Test
    void aClientsOpenQuoteDoesNotSwallowTheElementItsProxyAppended() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response forged = given().header("Forwarded", "for=6.6.6.6;x=\", for=198.51.100.9")
                    .get("/fhir/R4/metadata").andReturn();

            assertThat(ClientIpBehindProxyTest.servedLine(console, forged).path("ip").asText())
                    .isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
        }
    }
}
