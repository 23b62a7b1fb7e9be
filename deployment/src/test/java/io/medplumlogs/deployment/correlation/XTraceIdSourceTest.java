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

class XTraceIdSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0AF7651E-9F3B-4C2B-8D1A-1B2C3D4E5F60, 0af7651e9f3b4c2b8d1a1b2c3d4e5f60",
            "4BF92F3577B34DA6A3CE929D0E0E4736, 4bf92f3577b34da6a3ce929d0e0e4736",
            "order-4711.retry-2, order-4711.retry-2" })
    void xTraceIdIsNormalisedOrKeptVerbatim(String header, String expected) {
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Trace-Id", header).get("/log/worker?tag=x").andReturn();

            assertThat(response.header("X-Trace-Id")).isEqualTo(expected);
            Ids.assertLinesCarry(response, console.json(m -> m.endsWith(" x")));
        }
    }
}
