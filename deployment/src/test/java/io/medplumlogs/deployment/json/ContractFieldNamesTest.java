package io.medplumlogs.deployment.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.deployment.support.FakeFhirResource;
import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every key of a line the extension writes is a name of {@code LogLineFields}, the list the forwarder reads the
 * lines by: a field renamed or re-typed in one place only fails here, not at a vendor.
 */
class ContractFieldNamesTest {

    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.withJson(FakeFhirResource.class), PASSWORD)
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", "contract-field-names-key");

    @Test
    void requestServedLineWritesOnlyContractNames() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", PASSWORD).header("User-Agent", "curl/8")
                    .get("/fhir/R4/Patient/p-1").then().statusCode(200);
            given().header("If-None-Exist", "identifier=x").body("{\"resourceType\":\"Patient\"}")
                    .post("/fhir/R4/Patient").then().statusCode(201);

            List<JsonNode> lines = console.await(m -> m.equals(LogLineFields.REQUEST_SERVED), 2);
            assertThat(lines).hasSize(2);
            Set<String> allowed = union(LogLineFields.RECORD, LogLineFields.CORRELATION,
                    LogLineFields.REQUEST_SERVED_FIELDS);
            Set<String> written = new HashSet<>();
            for (JsonNode line : lines) {
                assertThat(keys(line)).isSubsetOf(allowed);
                written.addAll(keys(line));
            }
            // not vacuous: the two lines carry every field a read and a conditional create have
            assertThat(written).contains(LogLineFields.METHOD, LogLineFields.PATH, LogLineFields.STATUS,
                    LogLineFields.DURATION_MS, LogLineFields.IP, LogLineFields.USER_AGENT, LogLineFields.RECEIVED_AT,
                    LogLineFields.USER, LogLineFields.INTERACTION, LogLineFields.RESOURCE_TYPE,
                    LogLineFields.RESOURCE_ID, LogLineFields.CONDITIONAL, LogLineFields.REQUEST_ID,
                    LogLineFields.TRACE_ID);
        }
    }

    @Test
    void loginLinesWriteOnlyContractNames() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().auth().preemptive().basic("alice", PASSWORD).get("/fhir/R4/Patient/p-1").then().statusCode(200);
            given().auth().preemptive().basic("alice", PASSWORD + "x").get("/fhir/R4/Patient/p-1").then()
                    .statusCode(401);

            List<JsonNode> succeeded = console.await(m -> m.equals(LogLineFields.LOGIN_SUCCEEDED), 1);
            List<JsonNode> failed = console.await(m -> m.equals(LogLineFields.LOGIN_FAILED), 1);
            assertThat(succeeded).hasSize(1);
            assertThat(failed).hasSize(1);
            Set<String> allowed = union(LogLineFields.RECORD, LogLineFields.CORRELATION, LogLineFields.LOGIN_FIELDS);
            assertThat(keys(succeeded.get(0))).isSubsetOf(allowed).contains(LogLineFields.OUTCOME,
                    LogLineFields.MECHANISM, LogLineFields.USER, LogLineFields.IP, LogLineFields.REQUEST_ID);
            assertThat(keys(failed.get(0))).isSubsetOf(allowed).contains(LogLineFields.OUTCOME, LogLineFields.REASON);
            assertThat(succeeded.get(0).get(LogLineFields.OUTCOME).asText()).isEqualTo(LogLineFields.OUTCOME_SUCCESS);
            assertThat(failed.get(0).get(LogLineFields.OUTCOME).asText()).isEqualTo(LogLineFields.OUTCOME_FAILURE);
        }
    }

    // (Capture, request, assert, as in JsonLineFieldsTest: this test checks the names against the contract.)
    @Test
    void applicationLineWithAnExceptionWritesOnlyContractNames() {
        try (ConsoleLines console = ConsoleLines.capture()) {
            given().get("/log/error").then().statusCode(200);

            List<JsonNode> lines = console.json(m -> m.equals("handled failure"));
            assertThat(lines).hasSize(1);
            assertThat(keys(lines.get(0))).isSubsetOf(union(LogLineFields.RECORD, LogLineFields.CORRELATION))
                    .containsAll(LogLineFields.RECORD);
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    private static Set<String> keys(JsonNode line) {
        Set<String> keys = new HashSet<>();
        line.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
