package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * log-contract.adoc: {@code redact-non-fhir-queries=false} "changes nothing else: FHIR queries stay redacted". A
 * search HAPI FHIR serves under a target written otherwise than its base (a path parameter, an empty or dot
 * segment, percent-encoded base letters) is a FHIR query all the same: whatever HAPI answers, no line holds its
 * value, while a query of a non-FHIR endpoint is written as sent.
 */
@QuarkusTest
@TestProfile(NonFhirQueriesOffTest.QueriesOff.class)
class NonFhirQueriesOffTest {

    public static class QueriesOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.medplum-logs.audit.redact-non-fhir-queries", "false");
        }
    }

    @Test
    void aFhirSearchWrittenOtherwiseStaysRedacted() throws Exception {
        List<String> targets = List.of("/fhir/R4/Patient?name=Quimbyplain", "/fhir/R4;x=1/Patient?name=Quimbyparam",
                "/fhir;x/R4/Patient?name=Quimbyparambase", "//fhir/R4/Patient?name=Quimbydouble",
                "/fhir/./R4/Patient?name=Quimbydot", "/demo/../fhir/R4/Patient?name=Quimbydotdot",
                "/fhir/%52%34/Patient?name=Quimbyencoded", "/fhir/R4%2FPatient?name=Quimbyslash",
                "/%66hir/R4/Patient?name=Quimbyf", "/fhir/R4/Patient/?name=Quimbytrailing",
                "/fhir/R4/Patient;x?name=Quimbytypeparam", "/fhir/R4/.%2E/R4/Patient?name=Quimbyencdots");
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            List<String> statuses = new ArrayList<>();
            for (String target : targets) {
                RawHttp.Response response = RawHttp.get(target);
                statuses.add(target + " -> " + response.status());
                String id = response.header("X-Request-Id");
                if (id != null) {
                    console.awaitRequestServed(id);
                }
            }
            RawHttp.Response rest = RawHttp.get("/demo/hops?q=kept-as-sent");
            console.awaitRequestServed(rest.header("X-Request-Id"));

            List<String> leaks = console.allLines().stream().filter(l -> l.toLowerCase().contains("quimby")).toList();
            assertThat(leaks).as("statuses: %s", statuses).isEmpty();
            assertThat(console.json(m -> m.equals("Request served")).stream().map(l -> l.path("path").asText()))
                    .contains("/demo/hops?q=kept-as-sent");
        }
    }

}
