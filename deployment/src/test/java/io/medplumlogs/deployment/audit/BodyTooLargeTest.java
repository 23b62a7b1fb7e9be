package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.builder.BuildContext;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.vertx.http.deployment.RequireBodyHandlerBuildItem;
import io.restassured.RestAssured;

/**
 * audit-lines.adoc: every request that reaches Quarkus' router ends with one Request served line, and every response
 * carries X-Request-Id. Extensions that need request bodies (reactive routes, form authentication, RESTEasy classic,
 * SmallRye GraphQL, ...) make Quarkus install Vert.x' body handler in front of the filters, which answers a body over
 * quarkus.http.limits.max-body-size with 413 and calls no other handler: such a request got neither.
 */
class BodyTooLargeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.http.limits.max-body-size", "1K")
            .addBuildChainCustomizer(chain -> chain.addBuildStep((BuildContext ctx) -> ctx
                    .produce(new RequireBodyHandlerBuildItem())).produces(RequireBodyHandlerBuildItem.class).build());

    @Test
    void aBodyTheBodyHandlerRefusesIsStillAuditedWithItsIds() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            String head;
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /fhir/R4/Patient?name=Simpson HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/fhir+json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n"
                        + "x".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            }
            JsonNode served = console.await(m -> m.equals("Request served"), 1).get(0);

            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("X-Request-Id: " + served.get("requestId")
                    .asText());
            assertThat(served.get("status").asInt()).isEqualTo(413);
            assertThat(served.get("path").asText()).isEqualTo("/fhir/R4/Patient?name=***");
        }
    }
}
