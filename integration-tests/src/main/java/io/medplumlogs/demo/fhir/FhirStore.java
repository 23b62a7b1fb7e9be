package io.medplumlogs.demo.fhir;

import java.util.List;
import java.util.Map;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** The providers of the demo server, by resource type: what transactions and $everything work on. */
public final class FhirStore {

    private final ObservationProvider observations = new ObservationProvider();
    private final EncounterProvider encounters = new EncounterProvider();
    private final PatientProvider patients = new PatientProvider(this);
    private final Map<String, InMemoryResourceProvider<?>> byType = Map.of(
            "Patient", patients, "Observation", observations, "Encounter", encounters);

    public List<InMemoryResourceProvider<?>> providers() {
        return List.of(patients, observations, encounters);
    }

    public PatientProvider patients() {
        return patients;
    }

    public ObservationProvider observations() {
        return observations;
    }

    public EncounterProvider encounters() {
        return encounters;
    }

    public InMemoryResourceProvider<?> provider(String type) {
        InMemoryResourceProvider<?> provider = byType.get(type);
        if (provider == null) {
            throw new InvalidRequestException("this server does not store " + type);
        }
        return provider;
    }
}
