package io.medplumlogs.demo.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;

public class PatientProvider extends InMemoryResourceProvider<Patient> {

    private static final Logger LOG = Logger.getLogger(PatientProvider.class);
    private final FhirStore fhirStore;

    public PatientProvider(FhirStore fhirStore) {
        super(Patient.class);
        this.fhirStore = fhirStore;
    }

    @Search
    public List<Patient> search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "name") StringParam name,
            @OptionalParam(name = "family") StringParam family,
            @OptionalParam(name = "identifier") TokenParam identifier,
            @OptionalParam(name = "birthdate") DateParam birthdate,
            @Count Integer count) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        Criteria.put(criteria, "_id", id);
        Criteria.put(criteria, "name", name);
        Criteria.put(criteria, "family", family);
        Criteria.put(criteria, "identifier", identifier);
        if (birthdate != null) {
            criteria.put("birthdate", List.of(birthdate.getValueAsString()));
        }
        return searchAndLog(criteria, count);
    }

    /** Instance-level operation: the patient and everything that references it. */
    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType id) {
        Patient patient = get(id.toVersionless());
        List<Resource> related = new ArrayList<>();
        related.add(patient);
        String reference = "Patient/" + patient.getIdElement().getIdPart();
        related.addAll(fhirStore.observations().search(Map.of("subject", List.of(reference))));
        related.addAll(fhirStore.encounters().search(Map.of("subject", List.of(reference))));
        LOG.infof("$everything %s: %d resources", reference, related.size());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        related.forEach(r -> bundle.addEntry().setResource(r));
        bundle.setTotal(related.size());
        return bundle;
    }

    @Override
    protected boolean matches(Patient patient, String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "name" -> patient.getName().stream().anyMatch(n -> nameText(n).contains(v));
            case "family" -> patient.getName().stream()
                    .anyMatch(n -> n.hasFamily() && n.getFamily().toLowerCase(Locale.ROOT).startsWith(v));
            case "identifier" -> patient.getIdentifier().stream().anyMatch(i -> Criteria.tokenMatches(
                    i.getSystem(), i.getValue(), value));
            case "birthdate" -> patient.hasBirthDate() && patient.getBirthDateElement().getValueAsString().equals(value);
            default -> false;
        };
    }

    private static String nameText(HumanName name) {
        StringBuilder text = new StringBuilder(name.hasFamily() ? name.getFamily() : "");
        name.getGiven().forEach(g -> text.append(' ').append(g.getValue()));
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
