package io.medplumlogs.deployment.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.LogFile;
import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A console above INFO beside a file handler at INFO: the audit lines still have a writer, so the application starts;
 * the start-up warning travels where the audit lines go (the file), and so do the lines.
 */
class ConsoleAboveInfoBesideAFileTest {

    private static final Path FILE = LogFile.fresh("console-above-info-beside-a-file");

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.level", "WARN")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", FILE.toString())
            .overrideConfigKey("quarkus.log.file.level", "INFO");

    @Test
    void startsWarnsAndTheFileCarriesTheLines() throws Exception {
        given().get("/log/worker?tag=beside-a-file").then().statusCode(200);

        String file = LogFile.awaitContaining(FILE, "Request served method=");
        assertThat(file).contains("'Request served' lines (INFO) are not written by ConsoleHandler (level WARN)")
                .contains("Request served method=GET path=/log/worker?tag=***");
    }

}
