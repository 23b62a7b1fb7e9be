package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.rest.api.SearchStyleEnum;
import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClientTest;
import io.medplumlogs.demo.support.Served;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The audit lines of the log contract, from a real FHIR client: exactly one {@code Request served} line per call,
 * classified as the FHIR interaction it was; search values never written anywhere; Basic-auth attempts give
 * {@code Login succeeded} / {@code Login failed} lines with the request's IDs, the account's hash and no credential.
 */
@QuarkusTest
class AuditLinesTest extends FhirClientTest {

    /** A made-up patient name, used only as a search value: it must never appear in any output. */
    private static final String SEARCHED_NAME = "Zebedee";
    private static final String SEARCHED_MRN = "MRN-SEARCH-VALUE-4711";


    private <T> Served<T> call(Supplier<T> call) {
        return Served.by(ids, call);
    }

    private static void assertFhir(JsonNode line, String interaction, String resourceType, String resourceId) {
        assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo(interaction);
        assertThat(line.path("resourceType").isMissingNode() ? null : line.path("resourceType").asText())
                .as(line.toString()).isEqualTo(resourceType);
        assertThat(line.path("resourceId").isMissingNode() ? null : line.path("resourceId").asText())
                .as(line.toString()).isEqualTo(resourceId);
        assertThat(line.path("durationMs").isNumber()).as(line.toString()).isTrue();
        assertThat(line.path("ip").asText()).as(line.toString()).isNotEmpty();
        assertThat(line.path("ua").asText()).as(line.toString()).contains("HAPI-FHIR");
    }

    @Test

    void everyFhirInteractionHasOneClassifiedRequestServedLine() {
        Patient patient = DemoData.patient("Audit");
        String mrn = DemoData.mrn(patient);

        Served<?> create = call(() -> client.create().resource(patient).execute());
        JsonNode line = create.requestServed();
        assertFhir(line, "create", "Patient", null);
        assertThat(line.path("method").asText()).isEqualTo("POST");
        assertThat(line.path("path").asText()).isEqualTo("/fhir/R4/Patient");
        assertThat(line.path("status").asInt()).isEqualTo(201);
        assertThat(line.has("conditional")).isFalse();
        String id = ((ca.uhn.fhir.rest.api.MethodOutcome) create.result()).getId().getIdPart();

        line = call(() -> client.create().resource(DemoData.patient("Audit")).conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(DemoData.MRN_SYSTEM, mrn)).execute()).requestServed();
        assertFhir(line, "create", "Patient", null);
        assertThat(line.path("conditional").asBoolean()).isTrue();

        line = call(() -> client.read().resource(Patient.class).withId(id).execute()).requestServed();
        assertFhir(line, "read", "Patient", id);
        assertThat(line.path("status").asInt()).isEqualTo(200);

        line = call(() -> client.read().resource(Patient.class).withIdAndVersion(id, "1").execute()).requestServed();
        assertFhir(line, "vread", "Patient", id);
        assertThat(line.path("versionId").asText()).isEqualTo("1");

        patient.setId(id);
        line = call(() -> client.update().resource(patient).execute()).requestServed();
        assertFhir(line, "update", "Patient", id);
        assertThat(line.path("method").asText()).isEqualTo("PUT");

        patient.setId((String) null);
        line = call(() -> client.update().resource(patient).conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(DemoData.MRN_SYSTEM, mrn)).execute()).requestServed();
        assertFhir(line, "update", "Patient", null);
        assertThat(line.path("conditional").asBoolean()).isTrue();
        assertThat(line.path("path").asText()).doesNotContain(mrn).contains("identifier=***");

        line = call(() -> client.patch().withBody("[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]")
                .withId("Patient/" + id).execute()).requestServed();
        assertFhir(line, "patch", "Patient", id);
        assertThat(line.path("method").asText()).isEqualTo("PATCH");

        line = call(() -> client.history().onInstance("Patient/" + id).returnBundle(Bundle.class).execute())
                .requestServed();
        assertFhir(line, "history-instance", "Patient", id);
        line = call(() -> client.history().onType(Patient.class).returnBundle(Bundle.class).execute()).requestServed();
        assertFhir(line, "history-type", "Patient", null);
        line = call(() -> client.history().onServer().returnBundle(Bundle.class).execute()).requestServed();
        assertFhir(line, "history-system", null, null);

        line = call(() -> client.capabilities().ofType(CapabilityStatement.class).execute()).requestServed();
        assertFhir(line, "capabilities", null, null);

        line = call(() -> client.operation().onInstance("Patient/" + id).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute())
                .requestServed();
        assertFhir(line, "operation", "Patient", id);
        assertThat(line.path("operation").asText()).isEqualTo("$everything");
        line = call(() -> client.operation().onServer().named("$ping").withNoParameters(Parameters.class)
                .useHttpGet().execute()).requestServed();
        assertFhir(line, "operation", null, null);
        assertThat(line.path("operation").asText()).isEqualTo("$ping");

        line = call(() -> client.transaction().withBundle(DemoData.transactionWithPatientAndObservation("Audit"))
                .execute()).requestServed();
        assertFhir(line, "transaction", null, null);
        line = call(() -> client.transaction().withBundle(DemoData.batchReadingMissing()).execute()).requestServed();
        assertFhir(line, "batch", null, null);

        line = call(() -> client.delete().resourceById("Patient", id).execute()).requestServed();
        assertFhir(line, "delete", "Patient", id);
        assertThat(line.path("method").asText()).isEqualTo("DELETE");
    }

    @Test

    void searchValuesAppearNowhereInTheOutput() {
        List<String> output = new ArrayList<>();
        for (SearchStyleEnum style : new SearchStyleEnum[] { SearchStyleEnum.GET, SearchStyleEnum.POST }) {
            Served<Bundle> served = call(() -> client.search().forResource(Patient.class)
                    .where(Patient.NAME.matches().value(SEARCHED_NAME))
                    .and(Patient.IDENTIFIER.exactly().code(SEARCHED_MRN)).count(10).usingStyle(style)
                    .returnBundle(Bundle.class).execute());
            JsonNode line = served.requestServed();
            assertFhir(line, "search-type", "Patient", null);
            if (style == SearchStyleEnum.GET) {
                assertThat(line.path("path").asText()).startsWith("/fhir/R4/Patient?")
                        .contains("name=***", "identifier=***", "_count=10");
            } else {
                assertThat(line.path("method").asText()).isEqualTo("POST");
                assertThat(line.path("path").asText()).startsWith("/fhir/R4/Patient/_search");
            }
            output.addAll(served.allText());
        }
        assertThat(output).isNotEmpty();
        assertThat(String.join("", output)).doesNotContainIgnoringCase(SEARCHED_NAME).doesNotContain(SEARCHED_MRN);
    }

    /**
     * The values of {@code _sort} and {@code _elements} are kept when they look like the names they list, and HAPI
     * serves a search whatever names they hold: a birth date, an SSN or an MRN written as a "name"
     * ({@code birthdate-1956-05-12}) reached the audit line and HAPI's access log. Names FHIR defines hold no digits.
     */
    @Test
    void digitsInTheNamesOfResultShapeParametersAppearNowhereInTheOutput() {
        Served<Bundle> served = call(() -> client.search().byUrl("Patient?_sort=birthdate-1956-05-12"
                + "&_elements=ssn-123-45-6789").returnBundle(Bundle.class).execute());
        JsonNode line = served.requestServed();
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("path").asText())
                .isEqualTo("/fhir/R4/Patient?_sort=***&_elements=***");
        assertThat(String.join("", served.allText())).contains("Params[?")
                .doesNotContain("1956-05-12").doesNotContain("123-45-6789");
    }

    @Test
    void goodAndBadBasicLoginsAreLoggedWithTheRequestsIdsAndNoCredentials() {
        String user = "alice";
        String password = "Wonderland-Zebu-42";
        String wrong = "Wrong-Horse-Battery-9";
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response good = RestAssured.given().auth().preemptive().basic(user, password).get("/secure/whoami")
                    .andReturn();
            Response bad = RestAssured.given().auth().preemptive().basic(user, wrong).get("/secure/whoami")
                    .andReturn();
            assertThat(good.statusCode()).isEqualTo(200);
            assertThat(bad.statusCode()).isEqualTo(401);
            console.awaitRequestServed(good.header("X-Request-Id"));
            console.awaitRequestServed(bad.header("X-Request-Id"));

            List<JsonNode> succeeded = console.json(m -> m.equals("Login succeeded"));
            assertThat(succeeded).hasSize(1);
            assertThat(succeeded.get(0).path("requestId").asText()).isEqualTo(good.header("X-Request-Id"));
            assertThat(succeeded.get(0).path("traceId").asText()).isEqualTo(good.header("X-Trace-Id"));
            assertThat(succeeded.get(0).path("outcome").asText()).isEqualTo("success");
            assertThat(succeeded.get(0).path("mechanism").asText()).isEqualTo("basic");
            // identity rule default "hash": followable, but not the name
            assertThat(succeeded.get(0).path("user").asText()).matches("[0-9a-f]{16}");

            List<JsonNode> failed = console.json(m -> m.equals("Login failed"));
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).path("requestId").asText()).isEqualTo(bad.header("X-Request-Id"));
            assertThat(failed.get(0).path("traceId").asText()).isEqualTo(bad.header("X-Trace-Id"));
            assertThat(failed.get(0).path("outcome").asText()).isEqualTo("failure");
            assertThat(failed.get(0).path("reason").asText()).isNotEmpty().doesNotContain(" ");
            // the typed name, hashed like the verified one: failures count per account without naming it
            assertThat(failed.get(0).path("user").asText()).isEqualTo(succeeded.get(0).path("user").asText());

            List<JsonNode> served = console.json(m -> m.equals("Request served"));
            assertThat(served).extracting(l -> l.path("status").asInt()).containsExactlyInAnyOrder(200, 401);
            assertThat(served).filteredOn(l -> l.path("status").asInt() == 200)
                    .allSatisfy(l -> assertThat(l.path("user").asText()).isEqualTo(succeeded.get(0).path("user").asText()));

            String everything = String.join("", console.allLines());
            assertThat(everything).doesNotContain(password).doesNotContain(wrong)
                    .doesNotContain(base64(user + ":" + password)).doesNotContain(base64(user + ":" + wrong))
                    .doesNotContain("\"user\":\"" + user + "\"");
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
