package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * log-contract.adoc: the path is kept as sent, its non-ASCII part percent-encoded. A client may send the bytes of a
 * request target raw (HTTP clients encode them, others don't); the HTTP layer hands them on one char per byte, and
 * the line must write the bytes that came, not the UTF-8 of that char-per-byte reading ({@code Zoë} sent as UTF-8 is
 * {@code Zo%C3%AB}, never {@code Zo%C3%83%C2%AB}).
 */
class PathBytesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(FakeFhirResource.class)
            .overrideConfigKey("quarkus.medplum-logs.audit.redact-non-fhir-queries", "false");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UTF-8 in the path          | /api/v2/Patient/Zo\u00eb       | UTF-8      | /api/v2/Patient/Zo%C3%AB",
            "a byte that is not UTF-8   | /api/v2/Patient/Zo\u00eb       | ISO-8859-1 | /api/v2/Patient/Zo%EB",
            "UTF-8 in an unredacted query | /api/v2/Patient/1?n=Zo\u00eb | UTF-8      | /api/v2/Patient/1?n=Zo%C3%AB",
            "UTF-8 in a FHIR path       | /fhir/R4/Patient/Zo\u00eb      | UTF-8      | /fhir/R4/Patient/Zo%C3%AB" })
    void theLineWritesTheBytesThatCame(String what, String target, String charset, String logged) throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes("GET ".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(target.getBytes(java.nio.charset.Charset.forName(charset)));
            request.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer;
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.toByteArray());
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }

            assertThat(answer).as(what).startsWith("HTTP/1.1 200");
            assertThat(console.await(m -> m.equals("Request served"), 1)).as(what).singleElement()
                    .satisfies(line -> assertThat(line.path("path").asText()).as(what).isEqualTo(logged));
        }
    }
}
