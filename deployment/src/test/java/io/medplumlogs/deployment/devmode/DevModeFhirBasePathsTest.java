package io.medplumlogs.deployment.devmode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusDevModeTest;

/** Changing the FHIR base paths in application.properties takes effect on reload. */
class DevModeFhirBasePathsTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(FakeFhirResource.class)
                    .addAsResource(new StringAsset("quarkus.medplum-logs.json=true\n"), "application.properties"));

    @Test
    void newBaseIsClassifiedAfterReload() {
        assertThat(served("/api/v2/Patient/7").has("interaction")).isFalse();

        DEV.modifyResourceFile("application.properties",
                props -> props + "quarkus.medplum-logs.fhir.base-paths=/fhir/R4,/api/v2\n");
        given().get("/fhir/R4/metadata"); // the first request after the edit reloads

        JsonNode line = served("/api/v2/Patient/7");
        assertThat(line.get("interaction").asText()).isEqualTo("read");
        assertThat(line.get("resourceId").asText()).isEqualTo("7");
    }

    /**
     * The line of this request: a previous request's line may still arrive inside the capture (it is written when
     * that response completed, which can be after the client went on), so lines are told apart by request ID.
     */
    private static JsonNode served(String path) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            String requestId = given().get(path).then().statusCode(200).extract().header("X-Request-Id");
            List<JsonNode> lines = List.of();
            for (int served = 1; lines.isEmpty() && served <= 3; served++) {
                lines = console.await(m -> m.equals("Request served"), served).stream()
                        .filter(l -> requestId.equals(l.path("requestId").asText())).toList();
            }
            assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
            assertThat(lines.get(0).get("path").asText()).isEqualTo(path);
            return lines.get(0);
        }
    }
}
