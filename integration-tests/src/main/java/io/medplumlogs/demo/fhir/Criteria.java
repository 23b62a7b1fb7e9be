package io.medplumlogs.demo.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;

/** Turns HAPI's typed search parameters back into the raw {@code name → values} the providers match on. */
final class Criteria {

    private Criteria() {
    }

    static void put(Map<String, List<String>> criteria, String name, StringParam param) {
        if (param != null) {
            criteria.computeIfAbsent(name, k -> new ArrayList<>()).add(param.getValue());
        }
    }

    static void put(Map<String, List<String>> criteria, String name, TokenParam param) {
        if (param != null) {
            String value = param.getSystem() == null ? param.getValue() : param.getSystem() + "|" + param.getValue();
            criteria.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    static void put(Map<String, List<String>> criteria, String name, ReferenceParam param) {
        if (param != null) {
            String value = param.getResourceType() == null ? param.getIdPart()
                    : param.getResourceType() + "/" + param.getIdPart();
            criteria.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    /** FHIR token matching: {@code value}, {@code system|value} or {@code system|}. */
    static boolean tokenMatches(String system, String code, String query) {
        int bar = query.indexOf('|');
        if (bar < 0) {
            return query.equals(code);
        }
        String qs = query.substring(0, bar);
        String qv = query.substring(bar + 1);
        return (qs.isEmpty() || qs.equals(system)) && (qv.isEmpty() || qv.equals(code));
    }

    /** Reference matching: {@code Patient/1} or {@code 1}. */
    static boolean referenceMatches(String reference, String query) {
        if (reference == null) {
            return false;
        }
        return reference.equals(query) || reference.endsWith("/" + query);
    }
}
