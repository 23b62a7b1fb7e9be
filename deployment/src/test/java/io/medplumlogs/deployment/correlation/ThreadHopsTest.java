package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** The IDs are on every line of a request, whichever thread writes it. */
class ThreadHopsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "event-loop, 1", "worker, 1", "executor, 1", "uni-delay, 3" })
    void everyLineOfTheRequestCarriesItsIds(String endpoint, int expectedLines) {
        // Twice: the second request must not see anything of the first on a reused thread.
        for (String tag : new String[] { endpoint + "-a", endpoint + "-b" }) {
            try (ConsoleLines console = ConsoleLines.capture()) {
                Response response = given().get("/log/" + endpoint + "?tag=" + tag).andReturn();

                assertThat(response.statusCode()).isEqualTo(200);
                var lines = console.json(m -> m.endsWith(" " + tag));
                assertThat(lines).hasSize(expectedLines);
                Ids.assertLinesCarry(response, lines);
            }
        }
    }
}
