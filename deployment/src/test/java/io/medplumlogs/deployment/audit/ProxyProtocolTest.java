package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * audit-lines.adoc: with the PROXY protocol (a network load balancer in front), the peer, and so {@code ip}, is the
 * source address of the PROXY header; a forwarding header the client writes is still not believed.
 */
class ProxyProtocolTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.http.proxy.use-proxy-protocol", "true");

    @TestHTTPResource("/")
    URL root;

    @Test
    void ipIsTheProxyHeadersSourceAndAForgedForwardedForIsIgnored() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PROXY TCP4 203.0.113.7 127.0.0.1 56324 " + root.getPort() + "\r\n"
                        + "GET /log/worker?tag=proxied HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Forwarded-For: 198.51.100.99\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                        .startsWith("HTTP/1.1 200");
            }

            List<JsonNode> served = console.await(m -> m.equals("Request served"), 1);
            assertThat(served).singleElement().satisfies(line -> {
                assertThat(line.get("path").asText()).isEqualTo("/log/worker?tag=***");
                assertThat(line.get("ip").asText()).isEqualTo("203.0.113.7");
            });
        }
    }
}
