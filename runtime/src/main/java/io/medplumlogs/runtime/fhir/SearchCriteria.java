package io.medplumlogs.runtime.fhir;

import java.util.Set;

import io.medplumlogs.runtime.http.UrlText;

/**
 * Whether a query carries search criteria, which is what makes {@code GET [base]} a system search, or asks for a page
 * of an earlier search. (Not what makes a PUT, PATCH or DELETE on {@code [type]} conditional: HAPI FHIR takes any
 * query there as the conditional URL.)
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
        return firstValue(rawQuery, null) != null;
    }

    /**
     * Whether the query asks for a page of an earlier search, as HAPI FHIR reads it on the base: its first
     * {@code _getpages} value (names and values percent-decoded, {@code +} a space) is not blank. HAPI FHIR then serves
     * the page of that search (its {@code get-page} operation) whatever else the query holds.
     */
    static boolean pageOfASearch(String rawQuery) {
        String id = firstValue(rawQuery, PAGE_ID);
        return id != null && !id.isBlank();
    }

    private static final String PAGE_ID = "_getpages";

    /**
     * The decoded value of the first parameter named {@code wanted} ({@code ""} when it has none); with {@code null},
     * of the first parameter that is no format parameter (a name that cannot be decoded counts, with value
     * {@code ""}). {@code null} when there is no such parameter.
     */
    private static String firstValue(String rawQuery, String wanted) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                boolean hasValue = eq >= start && eq < end;
                String name = UrlText.percentDecoded(rawQuery.substring(start, hasValue ? eq : end), true);
                if (wanted == null ? name == null || !name.isEmpty() && !FORMAT_PARAMETERS.contains(name)
                        : wanted.equals(name)) {
                    String value = hasValue ? UrlText.percentDecoded(rawQuery.substring(eq + 1, end), true) : "";
                    return value == null ? "" : value;
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return null;
    }
}
