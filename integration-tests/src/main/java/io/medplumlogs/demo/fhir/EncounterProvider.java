package io.medplumlogs.demo.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Encounter;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;

public class EncounterProvider extends InMemoryResourceProvider<Encounter> {

    public EncounterProvider() {
        super(Encounter.class);
    }

    @Search
    public List<Encounter> search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "status") TokenParam status,
            @Count Integer count) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        Criteria.put(criteria, "_id", id);
        Criteria.put(criteria, "subject", subject);
        Criteria.put(criteria, "patient", patient);
        Criteria.put(criteria, "status", status);
        return searchAndLog(criteria, count);
    }

    @Override
    protected boolean matches(Encounter encounter, String name, String value) {
        return switch (name) {
            case "subject", "patient" -> Criteria.referenceMatches(encounter.getSubject().getReference(), value);
            case "status" -> encounter.hasStatus() && encounter.getStatus().toCode().equals(value);
            default -> false;
        };
    }
}
