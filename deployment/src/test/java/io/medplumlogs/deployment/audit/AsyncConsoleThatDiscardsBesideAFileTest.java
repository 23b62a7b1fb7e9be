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
 * An async console that discards on overflow beside a file handler that keeps every record: the audit trail is
 * whole in the file, so the application starts, and the warning that the console may drop lines lands in the file
 * too.
 */
class AsyncConsoleThatDiscardsBesideAFileTest {

    private static final Path FILE = LogFile.fresh("async-console-discards-beside-a-file");

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.console.async.enabled", "true")
            .overrideConfigKey("quarkus.log.console.async.overflow", "discard")
            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", FILE.toString());

    @Test
    void startsWarnsAndTheFileCarriesTheLines() throws Exception {
        given().get("/log/worker?tag=async-discard").then().statusCode(200);

        String file = LogFile.awaitContaining(FILE, "Request served method=");
        assertThat(file).contains("'Request served' lines (INFO) may be dropped by ConsoleHandler")
                .contains("overflow=discard")
                .contains("Request served method=GET path=/log/worker?tag=***");
    }
}
