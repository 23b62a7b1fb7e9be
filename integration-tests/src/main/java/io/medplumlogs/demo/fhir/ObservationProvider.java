package io.medplumlogs.demo.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Observation;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;

public class ObservationProvider extends InMemoryResourceProvider<Observation> {

    public ObservationProvider() {
        super(Observation.class);
    }

    @Search
    public List<Observation> search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "code") TokenParam code,
            @Count Integer count) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        Criteria.put(criteria, "_id", id);
        Criteria.put(criteria, "subject", subject);
        Criteria.put(criteria, "patient", patient);
        Criteria.put(criteria, "code", code);
        return searchAndLog(criteria, count);
    }

    @Override
    protected boolean matches(Observation observation, String name, String value) {
        return switch (name) {
            case "subject", "patient" -> Criteria.referenceMatches(observation.getSubject().getReference(), value);
            case "code" -> observation.getCode().getCoding().stream()
                    .anyMatch(c -> Criteria.tokenMatches(c.getSystem(), c.getCode(), value));
            default -> false;
        };
    }
}
