package io.medplumlogs.runtime.fhir;

import java.util.Set;

/**
 * The history interaction as HAPI FHIR serves it. Its history binding matches on the URL alone, not on the method: a
 * {@code DELETE}, {@code PUT} or {@code OPTIONS} on {@code Patient/1/_history} answers every version of Patient/1 as a
 * {@code GET} does. And HAPI's path reader sets aside what follows a system or type {@code _history} (as an id, a
 * compartment, a second operation), which the binding does not look at: {@code GET [base]/_history/x} answers the
 * system history. A line that said {@code unknown} for these would hide a read of every version behind its spelling.
 */
final class HistoryRequest {

    private static final String HISTORY = "_history";

    /** The methods HAPI's servlet hands to its bindings (its {@code RequestTypeEnum}); any other is a 501. */
    private static final Set<String> HAPI_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "TRACK", "CONNECT");

    private HistoryRequest() {
    }

    /**
     * The history interaction HAPI serves for these decoded segments after the base, or {@code null}.
     *
     * @param method the HTTP method as sent
     */
    static FhirInteraction of(String method, String[] s) {
        if (!HAPI_METHODS.contains(method) || s.length == 0) {
            return null;
        }
        // [base]/_history, then an id and a compartment (neither an operation, or HAPI reads another request), then
        // one more segment HAPI keeps as a second operation; a fifth is refused
        if (s[0].equals(HISTORY) && s.length <= 4 && (s.length < 2 || !FhirInteractionClassifier.isOperationPart(s[1]))
                && (s.length < 3 || !FhirInteractionClassifier.isOperationPart(s[2]))) {
            return FhirInteraction.of(FhirInteraction.HISTORY_SYSTEM, null, null);
        }
        if (s.length < 2 || !FhirInteractionClassifier.isType(s[0])) {
            return null;
        }
        // [type]/_history, then a compartment (no operation) and a second operation
        if (s[1].equals(HISTORY) && s.length <= 4 && (s.length < 3 || !FhirInteractionClassifier.isOperationPart(s[2]))) {
            return FhirInteraction.of(FhirInteraction.HISTORY_TYPE, s[0], null);
        }
        // [type]/[id]/_history: a fourth segment is the version, a vread. HAPI serves it for an id that is no FHIR id
        // too (Patient/a%20b/_history answers 404 from its history binding): that id is not written
        if (s.length == 3 && s[2].equals(HISTORY) && IdSegments.isIdSegment(s[1])) {
            return FhirInteraction.of(FhirInteraction.HISTORY_INSTANCE, s[0], IdSegments.fhirId(s[1]));
        }
        return null;
    }
}
