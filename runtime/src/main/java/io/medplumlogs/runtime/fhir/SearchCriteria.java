package io.medplumlogs.runtime.fhir;

import java.util.Set;

import io.medplumlogs.runtime.http.UrlText;

/**
 * Whether a query carries search criteria, which is what makes {@code GET [base]} a system search. (Not what makes a
 * PUT, PATCH or DELETE on {@code [type]} conditional: HAPI FHIR takes any query there as the conditional URL.)
 */
final class SearchCriteria {

    // Parameters that shape the response format but are not search criteria (http.html general
    // considerations), so they never turn a request into a search or a conditional write.
    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty", "_summary", "_elements");

    private SearchCriteria() {
    }

    /**
     * Whether the query has a parameter other than the format parameters, by name as the server reads it
     * (percent-decoded: {@code %5Fformat} is {@code _format} to HAPI FHIR too). A name that cannot be decoded counts
     * as a criterion.
     */
    static boolean present(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                String name = UrlText.percentDecoded(rawQuery.substring(start, eq >= start && eq < end ? eq : end),
                        true);
                if (name == null || !name.isEmpty() && !FORMAT_PARAMETERS.contains(name)) {
                    return true;
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return false;
    }
}
