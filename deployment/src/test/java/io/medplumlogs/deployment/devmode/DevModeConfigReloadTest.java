package io.medplumlogs.deployment.devmode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.LoggingResource;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Editing application.properties in dev mode switches JSON on and changes the line bound, without a restart. JSON is
 * switched on with the line the README and index.adoc tell users to add, {@code %dev.quarkus.medplum-logs.json=true},
 * to a file that did not mention it.
 */
class DevModeConfigReloadTest {

    // One behaviour per test class with its own small app (style.md): the set-up and request lines look alike across
    // these tests, each asserting its own case.
    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(LoggingResource.class)
                    .addAsResource(new StringAsset("# nothing about medplum-logs yet\n"), "application.properties"));

    @Test
    void jsonAndLineBoundFollowTheFile() {
        String before = lineOf("/log/worker?tag=dev-before", "on worker dev-before");
        assertThat(before).doesNotStartWith("{").containsPattern("\\[" + Ids.UUID + "\\|" + Ids.HEX32 + "\\]");

        DEV.modifyResourceFile("application.properties", props -> props + "%dev.quarkus.medplum-logs.json=true\n");
        // "dev mode picks the change up on the next request": that very request's lines are JSON
        String json = lineOf("/log/worker?tag=dev-json", "on worker dev-json");
        assertThat(json).startsWith("{").contains("\"requestId\":\"").contains("\"msg\":\"on worker dev-json\"");

        DEV.modifyResourceFile("application.properties",
                props -> props + "quarkus.medplum-logs.max-line-bytes=1024\n");
        given().get("/log/event-loop").then().statusCode(200);
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/huge?bytes=5000").then().statusCode(200);
            List<String> huge = console.lines().stream().filter(l -> l.contains("\"xxxx")).toList();
            assertThat(huge).hasSize(1);
            assertThat(huge.get(0).getBytes(StandardCharsets.UTF_8).length - 1).isLessThanOrEqualTo(1024);
            JsonNode line = console.json().stream().filter(n -> n.path("msg").asText().startsWith("xxx")).findFirst()
                    .orElseThrow();
            assertThat(line.get("truncated").asBoolean()).isTrue();
        }
    }

    private static String lineOf(String path, String marker) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get(path).then().statusCode(200);
            return console.lines().stream().filter(l -> l.contains(marker)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line with " + marker + " in " + console.lines()));
        }
    }
}
