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
 * A console above INFO beside a file handler at INFO: the audit lines still have a writer, so the application starts;
 * the start-up warning travels where the audit lines go (the file), and so do the lines.
 */
class ConsoleAboveInfoBesideAFileTest {

    /**
     * One fresh path per run, shared through a system property: QuarkusUnitTest initialises this class twice (JUnit's
     * class loader and the application's), and both must name the same file.
     */
    private static final Path FILE = Path.of((String) System.getProperties()
            .computeIfAbsent("medplumlogs.test.console-above-info-file", key -> newFile().toString()));

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.level", "WARN")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", FILE.toString())
            .overrideConfigKey("quarkus.log.file.level", "INFO");

    @Test
    void startsWarnsAndTheFileCarriesTheLines() throws Exception {
        given().get("/log/worker?tag=beside-a-file").then().statusCode(200);

        String file = awaitRequestServedInFile();
        assertThat(file).contains("'Request served' lines (INFO) are not written by ConsoleHandler (level WARN)")
                .contains("Request served method=GET path=/log/worker?tag=***");
    }

    /** A fresh path (no earlier run's lines can pass for this one's), with nothing at it yet. */
    private static Path newFile() {
        try {
            Path file = Files.createTempFile("console-above-info-beside-a-file", ".log");
            Files.delete(file);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String awaitRequestServedInFile() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            text = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
            if (text.contains("Request served method=")) {
                return text;
            }
            Thread.sleep(50);
        }
        return text;
    }
}
