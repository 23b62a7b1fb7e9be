package io.medplumlogs.runtime.fhir;

import java.util.regex.Pattern;

/**
 * The segments of a path where HAPI FHIR wants an id or a version, and what of them may be written. HAPI takes any
 * segment there for an id (or a version) unless it takes it for an operation: it dispatches {@code Patient/1;x=y},
 * {@code Patient/a%20b}, {@code Patient/M%C3%BCller} or a 65-character id to its read of that id (404), so the line
 * names that read. The id written is the one HAPI serves the request for ({@link ServedPath#idByHapi}), and only if
 * it is a FHIR id ({@code [A-Za-z0-9\-.]{1,64}}): nothing decoded that is not one (a control character, a quote,
 * {@code %}, non-ASCII) reaches a line through an id.
 */
final class IdSegments {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private IdSegments() {
    }

    /** Whether the segment is a FHIR id (R4 {@code id}: 1 to 64 letters, digits, {@code -} and {@code .}). */
    static boolean isId(String s) {
        return ID.matcher(s).matches() && !s.equals(".") && !s.equals("..");
    }

    /** Whether HAPI FHIR takes a segment where its shape wants an id (or a version) for one. */
    static boolean isIdSegment(String segment) {
        return !FhirInteractionClassifier.isOperationPart(segment);
    }

    /**
     * The id to write for a segment HAPI takes for one: the id HAPI builds from it ({@link ServedPath#idByHapi}: decoded
     * once more, the control characters it dropped left out) if that is a FHIR id, else none. {@code Patient/1%01} is
     * HAPI's read of Patient/1, so the line says 1, as "who read Patient/1" must find it.
     */
    static String fhirId(String segment) {
        String id = ServedPath.idByHapi(segment);
        return id != null && isId(id) ? id : null;
    }

    /** The version to write: only a FHIR id, and only with the id it is a version of (alone it names nothing). */
    static String versionOf(String id, String vidSegment) {
        return id == null ? null : fhirId(vidSegment);
    }
}
