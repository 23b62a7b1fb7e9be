package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClientTest;
import io.medplumlogs.demo.support.Served;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each FHIR interaction, driven by HAPI's generic client: the response carries X-Request-Id and X-Trace-Id, and
 * every line the server wrote while serving it (HAPI interceptor and provider, on the servlet worker) carries them.
 */
@QuarkusTest
class FhirRequestIdsTest extends FhirClientTest {


    /** A set-up call: its late audit line must not land in the next call's window. */
    private <T> T settled(java.util.function.Supplier<T> call) {
        return Served.by(ids, call).result();
    }

    @Test
    void create() {
        Served<MethodOutcome> served = Served.by(ids, () -> client.create().resource(DemoData.patient("Ada")).execute());
        served.everyLineCarriesIds("created Patient/" + served.result().getId().getIdPart() + " version 1");
        assertThat(served.status()).isEqualTo(201);
    }

    @Test
    void conditionalCreate() {
        Patient patient = DemoData.patient("Grace");
        String mrn = DemoData.mrn(patient);
        IIdType created = settled(() -> client.create().resource(patient).execute()).getId();

        Served<MethodOutcome> served = Served.by(ids, () -> client.create().resource(DemoData.patient("Grace"))
                .conditional().where(Patient.IDENTIFIER.exactly().systemAndCode(DemoData.MRN_SYSTEM, mrn)).execute());

        served.everyLineCarriesIds("conditional create found Patient/" + created.getIdPart());
        assertThat(served.result().getCreated()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void readAndVread() {
        IIdType id = settled(() -> client.create().resource(DemoData.patient("Alan")).execute()).getId();

        Served<Patient> read = Served.by(ids, () -> client.read().resource(Patient.class).withId(id.getIdPart())
                .execute());
        read.everyLineCarriesIds("read Patient/" + id.getIdPart() + " version 1");

        Served<Patient> vread = Served.by(ids, () -> client.read().resource(Patient.class)
                .withIdAndVersion(id.getIdPart(), "1").execute());
        vread.everyLineCarriesIds("read Patient/" + id.getIdPart() + " version 1");
        assertThat(vread.requestId()).isNotEqualTo(read.requestId());
        assertThat(vread.traceId()).isNotEqualTo(read.traceId());
    }

    @Test
    void updateAndConditionalUpdate() {
        Patient patient = DemoData.patient("Barbara");
        IIdType id = settled(() -> client.create().resource(patient).execute()).getId();

        patient.setId(id.toVersionless());
        patient.setActive(false);
        Served<MethodOutcome> update = Served.by(ids, () -> client.update().resource(patient).execute());
        update.everyLineCarriesIds("updated Patient/" + id.getIdPart() + " version 2");

        patient.setId((String) null);
        Served<MethodOutcome> conditional = Served.by(ids, () -> client.update().resource(patient).conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(DemoData.MRN_SYSTEM, DemoData.mrn(patient)))
                .execute());
        conditional.everyLineCarriesIds("updated Patient/" + id.getIdPart() + " version 3");
    }

    @Test
    void jsonPatch() {
        IIdType id = settled(() -> client.create().resource(DemoData.patient("Edsger")).execute()).getId();

        Served<MethodOutcome> served = Served.by(ids, () -> client.patch()
                .withBody("[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]")
                .withId(id.toUnqualifiedVersionless()).execute());

        served.everyLineCarriesIds("patched Patient/" + id.getIdPart() + " version 2");
        assertThat(settled(() -> client.read().resource(Patient.class).withId(id.getIdPart()).execute()).getActive())
                .isFalse();
    }

    @Test
    void delete() {
        IIdType id = settled(() -> client.create().resource(DemoData.patient("Niklaus")).execute()).getId();

        Served<MethodOutcome> served = Served.by(ids, () -> client.delete().resourceById(id.toUnqualifiedVersionless())
                .execute());

        served.everyLineCarriesIds("deleted Patient/" + id.getIdPart() + " version 2");
    }

    @Test
    void searchByGetAndByPost() {
        settled(() -> client.create().resource(DemoData.patient("Zebedee")).execute());

        for (SearchStyleEnum style : new SearchStyleEnum[] { SearchStyleEnum.GET, SearchStyleEnum.POST }) {
            Served<Bundle> served = Served.by(ids, () -> client.search().forResource(Patient.class)
                    .where(Patient.NAME.matches().value("Zebedee")).count(10).usingStyle(style)
                    .returnBundle(Bundle.class).execute());
            served.everyLineCarriesIds("search Patient by [name]");
            assertThat(served.result().getEntry()).isNotEmpty();
        }
    }

    @Test
    void historyAtInstanceTypeAndSystemLevel() {
        IIdType id = settled(() -> client.create().resource(DemoData.patient("Tony")).execute()).getId();

        Served.by(ids, () -> client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class)
                .execute()).everyLineCarriesIds("history of Patient/" + id.getIdPart() + ": 1 versions");
        Served.by(ids, () -> client.history().onType(Patient.class).returnBundle(Bundle.class).execute())
                .everyLineCarriesIds("history of Patient:");
        Served.by(ids, () -> client.history().onServer().returnBundle(Bundle.class).execute())
                .everyLineCarriesIds("system history:");
    }

    @Test
    void capabilities() {
        Served<CapabilityStatement> served = Served.by(ids, () -> client.capabilities()
                .ofType(CapabilityStatement.class).execute());
        served.everyLineCarriesIds("FHIR metadata");
        assertThat(served.result().getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "Observation", "Encounter");
    }

    @Test
    void transactionResolvesReferencesAndBatchAnswersPerEntry() {
        Served<Bundle> transaction = Served.by(ids, () -> client.transaction()
                .withBundle(DemoData.transactionWithPatientAndObservation("Katherine")).execute());
        transaction.everyLineCarriesIds("transaction of 2 entries");
        String patientRef = transaction.result().getEntry().get(0).getResponse().getLocation();
        String observationRef = transaction.result().getEntry().get(1).getResponse().getLocation();
        Observation observation = settled(() -> client.read().resource(Observation.class).withUrl(observationRef)
                .execute());
        assertThat(patientRef).startsWith("Patient/");
        assertThat(patientRef).startsWith(observation.getSubject().getReference() + "/_history/");

        Served<Bundle> batch = Served.by(ids, () -> client.transaction().withBundle(DemoData.batchReadingMissing())
                .execute());
        batch.everyLineCarriesIds("batch of 2 entries");
        assertThat(batch.result().getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "404");
    }

    @Test
    void operationsAtInstanceTypeAndSystemLevel() {
        IIdType id = settled(() -> client.create().resource(DemoData.patient("Radia")).execute()).getId();

        Served<Bundle> everything = Served.by(ids, () -> client.operation().onInstance(id.toUnqualifiedVersionless())
                .named("$everything").withNoParameters(Parameters.class).returnResourceType(Bundle.class)
                .useHttpGet().execute());
        everything.everyLineCarriesIds("$everything Patient/" + id.getIdPart());

        Served.by(ids, () -> client.operation().onType(Patient.class).named("$ping")
                .withNoParameters(Parameters.class).useHttpGet().execute()).everyLineCarriesIds("$ping Patient:");
        Served.by(ids, () -> client.operation().onServer().named("$ping").withNoParameters(Parameters.class)
                .useHttpGet().execute()).everyLineCarriesIds("$ping:");
    }

    @Test
    void notFoundCarriesTheIdsToo() {
        Served<Throwable> served = Served.by(ids, () -> {
            try {
                client.read().resource(Patient.class).withId("does-not-exist").execute();
                return null;
            } catch (ResourceNotFoundException e) {
                return e;
            }
        });
        assertThat(served.result()).isInstanceOf(ResourceNotFoundException.class);
        assertThat(served.status()).isEqualTo(404);
        served.everyLineCarriesIds("FHIR read Patient answered 404");
    }

    @Test
    void traceparentFromTheClientIsTheLoggedTraceId() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ids.sending("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        Served<Bundle> served = Served.by(ids, () -> client.search().forResource(Observation.class)
                .returnBundle(Bundle.class).execute());

        assertThat(served.traceId()).isEqualTo(traceId);
        served.everyLineCarriesIds("search Observation");
    }

    @Test
    void xTraceIdUuidFromTheClientIsNormalized() {
        UUID uuid = UUID.randomUUID();
        ids.sending("X-Trace-Id", uuid.toString().toUpperCase());

        Served<Bundle> served = Served.by(ids, () -> client.search().forResource(Observation.class)
                .returnBundle(Bundle.class).execute());

        assertThat(served.traceId()).isEqualTo(uuid.toString().replace("-", ""));
        served.everyLineCarriesIds("search Observation");
    }

    @Test
    void invalidTraceparentIsNotUsed() {
        ids.sending("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");

        Served<Bundle> served = Served.by(ids, () -> client.search().forResource(Observation.class)
                .returnBundle(Bundle.class).execute());

        assertThat(served.traceId()).isNotEqualTo("00000000000000000000000000000000");
        served.everyLineCarriesIds("search Observation");
        assertThat(served.lines().toString()).doesNotContain("00000000000000000000000000000000");
    }
}
