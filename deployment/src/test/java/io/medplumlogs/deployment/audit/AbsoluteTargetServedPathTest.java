package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * audit-lines.adoc, "Non-canonical paths": a request is classified as the server reads it. An absolute-form target
 * whose "user info" runs past a '/' (a password with a raw '/') is served from that '/' on, by Vert.x' reading: what
 * reads as user info to the password rule must not hide the FHIR read the router served.
 */
class AbsoluteTargetServedPathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class, FakeFhirResource.class);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "http://x:y/fhir/R4/Patient/1?@localhost/", "http://x:/fhir/R4/Patient/1?@h",
            "http://x:y/fhir/R4/Patient/1?_format=json@localhost/boom" })
    void theLineClassifiesWhatTheRouterServed(String target) throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.Response response = RawHttp.get(target);
            String requestId = response.header("X-Request-Id");

            assertThat(response.status()).as("served as a read: %s", response.head()).isEqualTo(200);
            assertThat(console.awaitRequestServed(requestId)).as("line in %s", console.lines()).isTrue();
            JsonNode line = console.json(m -> m.equals("Request served")).stream()
                    .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
            assertThat(line.path("interaction").asText()).as("line %s", line).isEqualTo("read");
            assertThat(line.path("resourceType").asText()).isEqualTo("Patient");
            assertThat(line.path("resourceId").asText()).isEqualTo("1");
        }
    }
}
