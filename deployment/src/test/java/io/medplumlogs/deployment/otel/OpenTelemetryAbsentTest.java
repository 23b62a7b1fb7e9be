package io.medplumlogs.deployment.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** Without quarkus-opentelemetry nothing of OTel is needed and the header rules apply. */
class OpenTelemetryAbsentTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void idsWorkWithoutTheExtension() {
        assertThatThrownBy(() -> Class.forName("io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer",
                false, Thread.currentThread().getContextClassLoader())).isInstanceOf(ClassNotFoundException.class);
        try (ConsoleLines console = ConsoleLines.capture()) {
            Response response = given().header("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
                    .get("/log/worker?tag=nootel").andReturn();

            assertThat(response.header("X-Trace-Id")).isEqualTo("5759e988bd862e3fe1be46a994272793");
            Ids.assertLinesCarry(response, console.json(m -> m.endsWith(" nootel")));
        }
    }
}
