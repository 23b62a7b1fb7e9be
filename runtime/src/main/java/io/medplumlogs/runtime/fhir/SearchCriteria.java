package io.medplumlogs.runtime.fhir;

import java.util.Set;

/** Whether a query carries search criteria, which is what makes PUT/PATCH/DELETE [type] conditional. */
final class SearchCriteria {

    // Parameters that shape the response format but are not search criteria (http.html general
    // considerations), so they never turn a request into a search or a conditional write.
    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty", "_summary", "_elements");

    private SearchCriteria() {
    }

    /** Whether the query has a parameter other than the format parameters (by raw name). */
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
                String name = rawQuery.substring(start, eq >= start && eq < end ? eq : end);
                if (!name.isEmpty() && !FORMAT_PARAMETERS.contains(name)) {
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
