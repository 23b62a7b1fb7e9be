package io.medplumlogs.deployment.devmode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.ConsoleLines;
import io.medplumlogs.deployment.support.FakeFhirResource;
import io.quarkus.test.QuarkusDevModeTest;

/** Changing the FHIR base paths in application.properties takes effect on reload. */
class DevModeFhirBasePathsTest {

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

    private static JsonNode served(String path) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get(path).then().statusCode(200);
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
            return lines.get(0);
        }
    }
}
