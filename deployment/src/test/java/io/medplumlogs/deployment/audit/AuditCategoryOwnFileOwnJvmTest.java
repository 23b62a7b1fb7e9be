package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Routing the audit category to a handler of its own, away from the console, is a valid set-up, not a way of
 * losing lines: the application starts and the lines land in that handler's file. Runs in a JVM of its own (see the
 * deployment pom): the handler attached to the category outlives the application in the JVM.
 */
class AuditCategoryOwnFileOwnJvmTest {

    /** One fresh path per run, shared by both class loaders QuarkusUnitTest initialises this class in. */
    private static final Path FILE = Path.of((String) System.getProperties()
            .computeIfAbsent("medplumlogs.test.audit-own-file", key -> freshPath().toString()));

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.handler.file.\"AUDIT\".enabled", "true")
            .overrideConfigKey("quarkus.log.handler.file.\"AUDIT\".path", FILE.toString())
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".handlers", "AUDIT")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".use-parent-handlers", "false");

    @Test
    void startsAndTheAuditFileHasTheLine() throws Exception {
        given().get("/log/worker?tag=own-file").then().statusCode(200);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String text = "";
        while (!text.contains("Request served") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            text = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        }
        assertThat(text).contains("Request served").doesNotContain("on worker own-file");
    }

    private static Path freshPath() {
        try {
            Path file = Files.createTempFile("audit-own-file", ".log");
            Files.delete(file);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
