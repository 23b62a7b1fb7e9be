package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * log-contract.adoc: redact-non-fhir-queries=false logs non-FHIR queries unredacted, and nothing else changes: FHIR
 * queries stay redacted, and every path is still made printable and cut at about 2048 characters (before, such a
 * path was written whole, 3,500 characters).
 */
class NonFhirQueriesUnredactedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class)
            .overrideConfigKey("quarkus.medplum-logs.audit.redact-non-fhir-queries", "false");

    @Test
    void onlyNonFhirQueriesAreWrittenAsSent() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.get("/api/users?email=homer@example.com");
            RawHttp.get("/fhir/R4/Patient?name=Simpson");
            RawHttp.get("/api/" + "a".repeat(3500) + "?q=1");
            RawHttp.get("/api/x?q=" + "b".repeat(3500) + "&r=%22%5C");

            var served = console.await(m -> m.equals("Request served"), 4);

            assertThat(served.get(0).get("path").asText()).isEqualTo("/api/users?email=homer@example.com");
            assertThat(served.get(1).get("path").asText()).isEqualTo("/fhir/R4/Patient?name=***");
            String cut = served.get(2).get("path").asText();
            assertThat(cut).startsWith("/api/aaaa").endsWith("?q=1").hasSizeLessThan(2100);
            // a review: the unredacted query was written whole, 3,500 characters
            assertThat(served.get(3).get("path").asText()).startsWith("/api/x?q=bbbb").hasSizeLessThan(2100);
        }
    }
}
