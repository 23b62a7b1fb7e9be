package io.medplumlogs.bench.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import jakarta.servlet.annotation.WebServlet;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;

/** HAPI FHIR R4 server with an in-memory Patient store; the benchmark reads {@code Patient/example}. */
@WebServlet(urlPatterns = "/fhir/R4/*", loadOnStartup = 1)
public class FhirServlet extends RestfulServer {

    public FhirServlet() {
        super(FhirContext.forR4Cached());
    }

    @Override
    protected void initialize() {
        HashMapResourceProvider<Patient> patients = new HashMapResourceProvider<>(getFhirContext(), Patient.class);
        Patient example = new Patient();
        example.setId("example");
        example.addIdentifier().setSystem("urn:oid:1.2.36.146.595.217.0.1").setValue("12345");
        example.addName().setFamily("Chalmers").addGiven("Peter").addGiven("James");
        example.setGender(Enumerations.AdministrativeGender.MALE);
        example.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1974-12-25"));
        patients.store(example);
        registerProvider(patients);
        registerInterceptor(new ReadLogger());
    }
}
