package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/** {@code audit.include-non-application-endpoints=true}: requests under {@code /q/} get their audit line too. */
class NonApplicationEndpointsAuditedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.audit.include-non-application-endpoints", "true");

    @Test
    void aRequestUnderQIsAudited() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.get("/q/anything");
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
            assertThat(lines.get(0).path("path").asText()).isEqualTo("/q/anything");
        }
    }
}
