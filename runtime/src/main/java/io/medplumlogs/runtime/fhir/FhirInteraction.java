package io.medplumlogs.runtime.fhir;

/**
 * What a request did in FHIR terms, as written to the {@code Request served} audit line.
 * <p>
 * Every component except {@link #interaction()} and {@link #conditional()} is {@code null} when the
 * request shape does not carry it (for example {@code versionId} outside a {@code _history/[vid]} URL: a vread, a
 * versioned operation, a write HAPI FHIR serves on a version). Values are copied from the path only after they matched the FHIR syntax for a type,
 * id or operation name, so they are safe to log.
 *
 * @param interaction FHIR restful-interaction code ({@code read}, {@code search-type}, ...), or
 *        {@link #UNKNOWN} for a path under a FHIR base that is not a FHIR RESTful request shape
 * @param resourceType resource type, e.g. {@code Patient}; for a compartment search the searched type
 * @param resourceId logical id of the addressed resource (instance level only)
 * @param versionId version id ({@code _history/[vid]})
 * @param operation operation name including the {@code $}, e.g. {@code $everything}
 * @param compartment compartment of a compartment search, e.g. {@code Patient/123}
 * @param conditional {@code true} for conditional create, update, patch and delete
 */
public record FhirInteraction(
        String interaction,
        String resourceType,
        String resourceId,
        String versionId,
        String operation,
        String compartment,
        boolean conditional) {

    public static final String READ = "read";
    public static final String VREAD = "vread";
    public static final String UPDATE = "update";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";
    public static final String HISTORY_INSTANCE = "history-instance";
    public static final String HISTORY_TYPE = "history-type";
    public static final String HISTORY_SYSTEM = "history-system";
    public static final String CREATE = "create";
    /** FHIR's code for a search of any kind: a page of an earlier search, whose kind the URL does not tell. */
    public static final String SEARCH = "search";
    public static final String SEARCH_TYPE = "search-type";
    public static final String SEARCH_SYSTEM = "search-system";
    public static final String CAPABILITIES = "capabilities";
    public static final String BATCH = "batch";
    public static final String TRANSACTION = "transaction";
    public static final String OPERATION = "operation";
    /** Not a FHIR code: a request under a FHIR base whose shape matches no interaction. */
    public static final String UNKNOWN = "unknown";

    private static final FhirInteraction UNKNOWN_INTERACTION = new FhirInteraction(UNKNOWN, null, null, null, null,
            null, false);

    /** The value for a request under a FHIR base that matches no FHIR interaction. */
    public static FhirInteraction unknown() {
        return UNKNOWN_INTERACTION;
    }

    /** {@code true} unless this is {@link #unknown()}. */
    public boolean isKnown() {
        return !UNKNOWN.equals(interaction);
    }

    static FhirInteraction of(String interaction, String resourceType, String resourceId) {
        return new FhirInteraction(interaction, resourceType, resourceId, null, null, null, false);
    }
}
