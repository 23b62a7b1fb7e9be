package io.medplumlogs.demo.support;

import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Made-up patients and bundles. */
public final class DemoData {

    public static final String MRN_SYSTEM = "urn:oid:1.2.36.146.595.217.0.1";

    private DemoData() {
    }

    /** A patient with a fresh MRN. */
    public static Patient patient(String given) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue("MRN-" + UUID.randomUUID());
        patient.addName().setFamily("Testperson").addGiven(given);
        patient.setGender(AdministrativeGender.UNKNOWN);
        patient.setActive(true);
        return patient;
    }

    public static String mrn(Patient patient) {
        return patient.getIdentifierFirstRep().getValue();
    }

    public static Observation heartRate(String subjectReference) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
        observation.setSubject(new Reference(subjectReference));
        observation.setValue(new Quantity().setValue(72).setUnit("/min"));
        return observation;
    }

    /** A transaction creating a patient and an observation that references it by its urn:uuid. */
    public static Bundle transactionWithPatientAndObservation(String given) {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient(given)).getRequest().setMethod(HTTPVerb.POST)
                .setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(heartRate(patientUrn))
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
        return bundle;
    }

    /** A batch with one create that works and one read that fails. */
    public static Bundle batchReadingMissing() {
        Bundle bundle = new Bundle().setType(BundleType.BATCH);
        bundle.addEntry().setResource(patient("Batch")).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/missing-in-batch");
        return bundle;
    }
}
