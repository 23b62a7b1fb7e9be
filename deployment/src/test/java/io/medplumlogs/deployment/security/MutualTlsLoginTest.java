package io.medplumlogs.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A login by client certificate (Quarkus' mTLS mechanism, {@code quarkus.http.ssl.client-auth=required}) is
 * {@code mechanism: "mtls"}: it was {@code unknown}, so an auditor could not tell a certificate login from a
 * mechanism nobody recognised. The keys are made per run with the JDK's {@code keytool}.
 */
class MutualTlsLoginTest {

    private static final String PASSWORD = "changeit-test";

    // The class is initialised again inside the application's class loader, where the test runs: there the keys and
    // the port are read back from the configuration the first initialisation gave the application.
    @RegisterExtension
    static final QuarkusUnitTest APP = withCertificates(
            TestApp.withBasicAuth(TestApp.withJson(TestCertificates.class), "unused-password"))
            .overrideConfigKey("quarkus.http.ssl.client-auth", "required")
            .overrideConfigKey("quarkus.http.auth.permission.certified.paths", "/log/*")
            .overrideConfigKey("quarkus.http.auth.permission.certified.policy", "authenticated");

    private static QuarkusUnitTest withCertificates(QuarkusUnitTest app) {
        Path keys = TestCertificates.make(PASSWORD);
        return app.overrideConfigKey("quarkus.tls.key-store.p12.path", keys.resolve("server.p12").toString())
                .overrideConfigKey("quarkus.tls.key-store.p12.password", PASSWORD)
                .overrideConfigKey("quarkus.tls.trust-store.p12.path", keys.resolve("server-trust.p12").toString())
                .overrideConfigKey("quarkus.tls.trust-store.p12.password", PASSWORD)
                .overrideConfigKey("quarkus.http.test-ssl-port", String.valueOf(freePort()));
    }

    @Test
    void aCertificateLoginIsMechanismMtlsWithTheRequestsIds() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        try (ConsoleLines console = ConsoleLines.capture()) {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/log/worker?tag=cert")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> lines = console.await(m -> m.equals("Login succeeded"), 1);
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.get("mechanism").asText()).isEqualTo("mtls");
            assertThat(line.get("outcome").asText()).isEqualTo("success");
            assertThat(line.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").get());
            // the certificate's subject is the principal: written through the identity rule (hashed), never as sent
            assertThat(line.get("user").asText()).matches("[0-9a-f]{16}");
            assertThat(console.lines()).noneMatch(l -> l.contains("CN=alice"));
        }
    }

    private static HttpClient client() throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("quarkus.tls.key-store.p12.path", String.class))
                .getParent();
        KeyStore keys = load(dir.resolve("client.p12"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(dir.resolve("client-trust.p12")));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
