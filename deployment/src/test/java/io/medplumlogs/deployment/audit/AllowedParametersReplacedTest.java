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

/**
 * {@code fhir.allowed-parameters}: "Setting this replaces the default list" — a parameter added is kept as sent, one
 * of the default list no longer is.
 */
class AllowedParametersReplacedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.fhir.allowed-parameters", "tag");

    @Test
    void theConfiguredListIsTheWholeList() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.get("/log/worker?tag=kept&_count=10&name=Simpson");
            List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
            assertThat(lines).as("captured: %s", console.lines()).hasSize(1);
            assertThat(lines.get(0).path("path").asText()).isEqualTo("/log/worker?tag=kept&_count=***&name=***");
        }
    }
}
