package io.medplumlogs.runtime.fhir;

import static io.medplumlogs.runtime.fhir.FhirInteraction.*;
import static io.medplumlogs.runtime.fhir.IdSegments.*;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.medplumlogs.runtime.http.UrlText;

/**
 * Maps an HTTP request (method, raw path, raw query) to the FHIR R4 RESTful interaction it performs
 * (<a href="http://hl7.org/fhir/R4/http.html">FHIR R4 RESTful API</a>).
 * <p>
 * Only the request line is looked at (and what the caller reads of two headers: whether there is an
 * {@code If-None-Exist}, whether the body is a form), never the body, so the filter can classify without buffering.
 * The path is read as the server reads it ({@link ServedPath}): {@code /fhir/R4/%50atient/%31},
 * {@code /fhir/R4//Patient/1} and {@code /fhir/R4/Patient/1%01} are a read of Patient/1 (the id written is the one HAPI
 * FHIR serves the request for). Values are taken from the decoded segments only if they
 * match the FHIR syntax of a type, id or operation name, so nothing else (no control character, no {@code %})
 * can reach a log line through them. A segment where HAPI FHIR wants an id is one to it whatever it holds
 * ({@code Patient/a%20b} is its read of that id, answered 404): such a request is the interaction of that binding,
 * its id (and the version of it) left out. The classifier never throws on request input: a path under a FHIR base
 * that does not match a FHIR request shape HAPI dispatches (junk, wrong method, malformed percent-encoding ...) is
 * {@link FhirInteraction#unknown()}. Instances are immutable and thread-safe.
 */
public final class FhirInteractionClassifier {

    /** Base path used when none is configured. */
    public static final String DEFAULT_BASE = "/fhir/R4";

    // Paths longer than this are not FHIR requests anyone would write; don't spend time on them.
    private static final int MAX_PATH_LENGTH = 2048;
    private static final int MAX_QUERY_LENGTH = 16384;

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2F", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPERATION_NAME = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_\\-.]{0,63}");

    // R4 CompartmentDefinitions (compartmentdefinition.html); only these may prefix a compartment search.
    private static final Set<String> COMPARTMENT_TYPES = Set.of("Patient", "Encounter", "RelatedPerson",
            "Practitioner", "Device");

    private final FhirBases bases;

    /** A classifier for the {@link #DEFAULT_BASE} only. */
    public FhirInteractionClassifier() {
        this(List.of(DEFAULT_BASE));
    }

    /**
     * @param basePaths FHIR base paths such as {@code /fhir/R4}; trailing slashes are ignored and
     *        {@code /} means "every path"
     * @throws IllegalArgumentException if the list is empty or a base is not a plain absolute path
     */
    public FhirInteractionClassifier(List<String> basePaths) {
        this.bases = new FhirBases(basePaths);
    }

    /**
     * Whether a path that no router serves as FHIR was still aimed at a FHIR base: read leniently, with each
     * segment's path parameters ({@code ;x=1}) left out and an encoded slash ({@code %2F}) read as one, it is under a
     * base ({@code /fhir/R4;jsessionid=1/Patient}, {@code /fhir/R4%2FPatient}). Such a request is answered 404, but its
     * query was written by a FHIR client and holds search values, so it stays redacted when non-FHIR queries are not.
     */
    public boolean aimedAtFhir(String path) {
        if (path == null) {
            return false;
        }
        // an encoded slash first: it ends a path parameter as a slash does (/fhir/R4;x%2FPatient)
        String lenient = UrlText.withoutPathParameters(ENCODED_SLASH.matcher(path).replaceAll("/"));
        String served = ServedPath.normalized(lenient);
        return bases.matching(served == null ? lenient : served) != null;
    }

    /** The normalised base paths, longest first ({@code ""} stands for the root). */
    public List<String> basePaths() {
        return bases.paths();
    }

    /**
     * Same as {@link #classify(String, String, String, boolean, Optional)} without a Bundle type hint.
     */
    public Optional<FhirInteraction> classify(String method, String path, String rawQuery, boolean hasIfNoneExist) {
        return classify(method, path, rawQuery, hasIfNoneExist, Optional.empty());
    }

    /**
     * @param method HTTP method as sent (case-sensitive; {@code HEAD} is treated as {@code GET} for a read, a vread
     *        and {@code metadata}, and is a history as any method HAPI FHIR names is: the HEADs HAPI serves; it is
     *        {@code unknown} elsewhere)
     * @param path request path as sent (not decoded), without the query
     * @param rawQuery raw query string without {@code ?}, or {@code null}
     * @param hasIfNoneExist whether the request carries an {@code If-None-Exist} header (conditional create)
     * @param bundleType {@code Bundle.type} of a {@code POST [base]} body if known ({@code batch} or
     *        {@code transaction}); without it such a request is reported as {@code batch} (as {@code search} if its
     *        body is a form, see the overload with {@code formBody})
     * @return empty if the path is not under any FHIR base, otherwise the interaction
     *         ({@link FhirInteraction#unknown()} when the request matches no FHIR shape)
     */
    public Optional<FhirInteraction> classify(String method, String path, String rawQuery, boolean hasIfNoneExist,
            Optional<String> bundleType) {
        return classify(method, path, rawQuery, hasIfNoneExist, false, bundleType);
    }

    /**
     * As {@link #classify(String, String, String, boolean, Optional)}, for a request whose body may be a form.
     *
     * @param formBody whether the body is {@code application/x-www-form-urlencoded}: HAPI FHIR reads its parameters as
     *        it reads the query's, so a {@code POST [base]} with one is no Bundle (see {@link #system})
     */
    public Optional<FhirInteraction> classify(String method, String path, String rawQuery, boolean hasIfNoneExist,
            boolean formBody, Optional<String> bundleType) {
        if (path == null) {
            return Optional.empty();
        }
        String served = ServedPath.normalized(path);
        String base = bases.matching(served == null ? path : served);
        if (base == null) {
            return Optional.empty();
        }
        if (served == null) {
            return Optional.of(FhirInteraction.unknown()); // no router reads it either
        }
        try {
            return Optional.of(classifyUnderBase(method, served.substring(base.length()), rawQuery, hasIfNoneExist,
                    formBody, bundleType == null ? Optional.empty() : bundleType));
        } catch (RuntimeException e) {
            // Defensive: an audit line must never fail a request because of odd input.
            return Optional.of(FhirInteraction.unknown());
        }
    }

    private static FhirInteraction classifyUnderBase(String method, String rest, String rawQuery,
            boolean hasIfNoneExist, boolean formBody, Optional<String> bundleType) {
        if (method == null || rest.length() > MAX_PATH_LENGTH
                || (rawQuery != null && rawQuery.length() > MAX_QUERY_LENGTH)) {
            return FhirInteraction.unknown();
        }
        String m = "HEAD".equals(method) ? "GET" : method;
        String[] s = segments(rest);
        if (s == null) {
            return FhirInteraction.unknown();
        }
        // HAPI FHIR takes a PUT, PATCH or DELETE on [type] with any query as conditional: its conditional URL is the
        // type and the whole query, _format included (RequestDetails.getConditionalUrl), and the application's
        // provider reads the criteria. The FHIR spec's "no criteria" does not make such a write a no-op.
        boolean conditionalUrl = rawQuery != null && !rawQuery.isBlank();
        // a history is served for any method HAPI knows, HEAD included (HistoryRequest); the rest by the URL's level
        FhirInteraction result = HistoryRequest.of(method, s);
        if (result == null) {
            result = byLevel(m, withoutSetAside(s), rawQuery, conditionalUrl, hasIfNoneExist, formBody, bundleType);
            if (result != null && "HEAD".equals(method) && !servedForHead(result)) {
                result = null;
            }
        }
        return result == null ? FhirInteraction.unknown() : result;
    }

    /**
     * The segments without those HAPI FHIR's path reader sets aside after an operation, which its operation and
     * capability-statement bindings do not look at: a second operation after an instance operation
     * ({@code Patient/1/$everything/x} answers everything of Patient/1), a compartment and a second operation after a
     * type operation ({@code Patient/$op/x/y}), an id, a compartment and a second operation after {@code metadata}.
     * A segment HAPI takes for another operation where it wants a compartment or an id makes it refuse the request,
     * and is kept (so the path stays unknown). Any further segment is refused by HAPI too.
     */
    private static String[] withoutSetAside(String[] s) {
        if (s.length == 4 && isType(s[0]) && !isOperationPart(s[1]) && isOperation(s[2])) {
            return Arrays.copyOf(s, 3);
        }
        if ((s.length == 3 || s.length == 4) && isType(s[0]) && isOperation(s[1]) && !isOperationPart(s[2])) {
            return Arrays.copyOf(s, 2);
        }
        if (s.length >= 2 && s.length <= 4 && s[0].equals("metadata") && !isOperationPart(s[1])
                && (s.length == 2 || !isOperationPart(s[2]))) {
            return Arrays.copyOf(s, 1);
        }
        return s;
    }

    /** The interaction of each URL level (after the base), by the methods FHIR writes for it; {@code null} if none. */
    private static FhirInteraction byLevel(String m, String[] s, String rawQuery, boolean conditionalUrl,
            boolean hasIfNoneExist, boolean formBody, Optional<String> bundleType) {
        switch (s.length) {
            case 0:
                return system(m, SearchCriteria.present(rawQuery), SearchCriteria.pageOfASearch(rawQuery), formBody,
                        bundleType);
            case 1:
                return level1(m, s[0], conditionalUrl, hasIfNoneExist);
            case 2:
                return level2(m, s[0], s[1], hasIfNoneExist);
            case 3:
                return level3(m, s[0], s[1], s[2], hasIfNoneExist);
            case 4:
                return level4(m, s[0], s[1], s[2], s[3], hasIfNoneExist);
            case 5:
                return level5(m, s[0], s[1], s[2], s[3], s[4]);
            default:
                return null;
        }
    }

    /**
     * What a {@code HEAD} is served as, besides a history ({@link HistoryRequest}, any method): HAPI FHIR answers it
     * as the GET for a read, a vread and the capability statement (ReadMethodBinding, ConformanceMethodBinding); its
     * search and operation bindings never take a HEAD, so no binding takes one on a search URL (400): not a search.
     */
    private static boolean servedForHead(FhirInteraction result) {
        String kind = result.interaction();
        return kind.equals(READ) || kind.equals(VREAD) || kind.equals(CAPABILITIES);
    }

    /**
     * Path segments after the (normalized) base as HAPI FHIR reads them ({@link ServedPath#readByHapi}), or {@code null}
     * if a segment is empty or HAPI cannot decode it, or its id or version (it answers before any binding).
     */
    private static String[] segments(String rest) {
        String r = rest;
        if (r.isEmpty() || r.equals("/")) {
            return new String[0];
        }
        // rest always starts with '/' here; one trailing slash is tolerated because clients add it
        // to the base for batch/transaction ("POST /fhir/R4/").
        r = r.substring(1);
        if (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        String[] s = r.split("/", -1);
        for (int i = 0; i < s.length; i++) {
            // a "." or ".." left after decoding (%252E%252E) is no dot segment to the router, and an id to HAPI;
            // one HAPI leaves empty (%01, its control characters dropped) a blank id to it
            String segment = s[i].isEmpty() ? null : ServedPath.readByHapi(s[i]);
            if (segment == null) {
                return null;
            }
            s[i] = segment;
        }
        // HAPI decodes the id, and a version after it, once more before any binding: a 500 if it cannot (a%25b)
        return (s.length > 1 && isIdSegment(s[1]) && ServedPath.idByHapi(s[1]) == null)
                || (s.length > 3 && s[2].equals("_history") && ServedPath.idByHapi(s[3]) == null) ? null : s;
    }

    // [base]: system search, batch/transaction
    private static FhirInteraction system(String m, boolean criteria, boolean page, boolean formBody,
            Optional<String> bundleType) {
        if (m.equals("OPTIONS")) {
            // HAPI FHIR's capability-statement binding also answers OPTIONS on the base (DSTU1's conformance), whatever
            // the query
            return FhirInteraction.of(CAPABILITIES, null, null);
        }
        if (getOrPost(m) && page) {
            // HAPI FHIR's paging links (GET [base]?_getpages=<search id>&...): the next page of a search made
            // earlier, of a type the URL does not tell; FHIR's code for a search of any kind, not search-system.
            // HAPI's page binding answers a POST so too, whatever its body: it is no batch then.
            return FhirInteraction.of(SEARCH, null, null);
        }
        if (m.equals("GET")) {
            // R4 writes system search as "GET [base]?[parameters]": without a search parameter it is
            // not a search (and _format & co. are not search parameters).
            return criteria ? FhirInteraction.of(SEARCH_SYSTEM, null, null) : null;
        }
        if (m.equals("POST") && formBody) {
            // HAPI reads a form's parameters as the query's: with _getpages it serves the page of that search, and a
            // form is no Bundle, so its transaction method refuses anything else (400). The body is not read here,
            // so the line names the one thing HAPI can serve for it.
            return FhirInteraction.of(SEARCH, null, null);
        }
        if (m.equals("POST")) {
            String hint = bundleType.map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("");
            // Every transaction is also a set of entries processed in one request, but not every
            // batch is atomic: "batch" is the claim that stays true when the Bundle type is unknown.
            return FhirInteraction.of(hint.equals(TRANSACTION) ? TRANSACTION : BATCH, null, null);
        }
        return null;
    }

    // [base]/x
    // One switch per URL level, alike in shape: each maps the methods FHIR allows at that level (R4 RESTful API table).
    private static FhirInteraction level1(String m, String x, boolean conditionalUrl, boolean hasIfNoneExist) {
        switch (x) {
            case "metadata":
                return m.equals("GET") ? FhirInteraction.of(CAPABILITIES, null, null) : null;
            case "_search":
                return getOrPost(m) ? FhirInteraction.of(SEARCH_SYSTEM, null, null) : null;
            default:
                break;
        }
        if (isOperation(x)) {
            return operationMethod(m) ? operation(null, null, null, x) : null;
        }
        if (!isType(x)) {
            return null;
        }
        switch (m) {
            case "GET":
                return FhirInteraction.of(SEARCH_TYPE, x, null);
            case "POST":
                return new FhirInteraction(CREATE, x, null, null, null, null, hasIfNoneExist);
            default:
                String write = writeOf(m);
                return write == null ? null : onAType(write, x, conditionalUrl);
        }
    }

    // [base]/[type]/y
    private static FhirInteraction level2(String m, String type, String y, boolean hasIfNoneExist) {
        if (!isType(type)) {
            return null;
        }
        if (y.equals("_search")) {
            return getOrPost(m) ? FhirInteraction.of(SEARCH_TYPE, type, null) : null;
        }
        if (isOperation(y)) {
            return operationMethod(m) ? operation(type, null, null, y) : null;
        }
        if (!isIdSegment(y)) {
            return null;
        }
        String id = fhirId(y);
        return m.equals("GET") ? FhirInteraction.of(READ, type, id) : write(m, type, id, null, hasIfNoneExist);
    }

    /**
     * The write HAPI FHIR dispatches a request on {@code [type]/[id]} (or a version of it) to, else null: the
     * update, patch or delete of a PUT, PATCH or DELETE, and for a POST its create binding, which refuses a URL with
     * an id (400, HAPI-0365). The line names that create with what the URL named, as it does for an update there, and
     * the status says it was refused.
     */
    private static FhirInteraction write(String m, String type, String id, String vid, boolean hasIfNoneExist) {
        if (m.equals("POST")) {
            return new FhirInteraction(CREATE, type, id, vid, null, null, hasIfNoneExist);
        }
        String write = writeOf(m);
        return write == null ? null : new FhirInteraction(write, type, id, vid, null, null, false);
    }

    /** The write a {@code PUT}, {@code PATCH} or {@code DELETE} is: {@code update}, {@code patch}, {@code delete}. */
    private static String writeOf(String m) {
        return switch (m) {
            case "PUT" -> UPDATE;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            default -> null;
        };
    }

    // [base]/[type]/[id]/z
    private static FhirInteraction level3(String m, String type, String idSegment, String z,
            boolean hasIfNoneExist) {
        if (!isType(type) || !isIdSegment(idSegment)) {
            return null;
        }
        String id = fhirId(idSegment);
        if (isOperation(z)) {
            return operationMethod(m) ? operation(type, id, null, z) : null;
        }
        if (m.equals("GET") && COMPARTMENT_TYPES.contains(type) && (z.equals("*") || isType(z))) {
            // a compartment is named by its id: without a FHIR id there is none to write (and the demo's HAPI takes
            // no compartment search at all, so no binding of this shape could be watched refusing one)
            return id == null ? null : compartmentSearch(type, id, z);
        }
        if (isOperationPart(z)) {
            return null;
        }
        // HAPI FHIR's path reader keeps a third segment that is no operation as a compartment, which its update, patch,
        // delete and create bindings do not look at: DELETE [type]/[id]/Encounter deletes [type]/[id]
        return write(m, type, id, null, hasIfNoneExist);
    }

    // [base]/[type]/[id]/_history/[vid] and POST (or GET) [base]/[compartment]/[id]/[type]/_search
    private static FhirInteraction level4(String m, String type, String id, String a, String b,
            boolean hasIfNoneExist) {
        if (!isType(type) || !isIdSegment(id)) {
            return null;
        }
        if (a.equals("_history")) {
            return isIdSegment(b) ? onAVersion(m, type, id, b, hasIfNoneExist) : null;
        }
        if (getOrPost(m) && b.equals("_search") && fhirId(id) != null && COMPARTMENT_TYPES.contains(type)
                && (a.equals("*") || isType(a))) {
            return compartmentSearch(type, fhirId(id), a);
        }
        return null;
    }

    /**
     * {@code [type]/[id]/_history/[vid]}: a vread, and, as HAPI FHIR dispatches them, the update, patch and delete of
     * {@code [type]/[id]}: HAPI's bindings for these take the version as part of the id they hand the provider, so a
     * {@code DELETE} on a version URL deletes the resource, and the line must name that delete. A POST there goes to
     * HAPI's create, which refuses it ({@link #write}). A version HAPI takes for none ({@link ServedPath#blankToHapi})
     * leaves the id alone: {@code GET Patient/1/_history/%20} is its read of Patient/1.
     */
    private static FhirInteraction onAVersion(String m, String type, String idSegment, String vidSegment,
            boolean hasIfNoneExist) {
        if (ServedPath.blankToHapi(idSegment)) {
            return null; // HAPI cannot build a version of no id: 500 before any binding
        }
        String id = fhirId(idSegment);
        if (ServedPath.blankToHapi(vidSegment)) {
            return m.equals("GET") ? FhirInteraction.of(READ, type, id) : write(m, type, id, null, hasIfNoneExist);
        }
        String vid = versionOf(id, vidSegment);
        return m.equals("GET") ? new FhirInteraction(VREAD, type, id, vid, null, null, false)
                : write(m, type, id, vid, hasIfNoneExist);
    }

    // [base]/[type]/[id]/_history/[vid]/$op
    private static FhirInteraction level5(String m, String type, String id, String h, String vid, String op) {
        if (isType(type) && isIdSegment(id) && !ServedPath.blankToHapi(id) && h.equals("_history")
                && isIdSegment(vid) && isOperation(op) && operationMethod(m)) {
            String fhirId = fhirId(id);
            return operation(type, fhirId, ServedPath.blankToHapi(vid) ? null : versionOf(fhirId, vid), op);
        }
        return null;
    }

    private static FhirInteraction compartmentSearch(String compartmentType, String id, String searched) {
        return new FhirInteraction(SEARCH_TYPE, searched.equals("*") ? null : searched, null, null, null,
                compartmentType + "/" + id, false);
    }

    /**
     * A write on {@code [type]}: conditional with a query. Without one, HAPI FHIR still serves it with its update, patch
     * or delete binding, handing the provider neither an id nor a conditional URL (the update it refuses itself): the
     * line names that write of the type, not {@code unknown}, since a provider may read "no criteria" as "all".
     */
    private static FhirInteraction onAType(String interaction, String type, boolean conditionalUrl) {
        return new FhirInteraction(interaction, type, null, null, null, null, conditionalUrl);
    }

    private static FhirInteraction operation(String type, String id, String vid, String name) {
        return new FhirInteraction(OPERATION, type, id, vid, name, null, false);
    }

    /**
     * Also the methods of a {@code .../_search} path: FHIR writes it with POST, and HAPI FHIR serves a GET on it as the
     * same search (its SearchMethodBinding takes GET with the operation {@code _search}), so a search spelt that way
     * is one too, not {@code unknown}.
     */
    private static boolean getOrPost(String m) {
        return m.equals("GET") || m.equals("POST");
    }

    /**
     * The methods HAPI FHIR's operation binding takes: GET and POST, and DELETE, which it serves for an operation
     * declared {@code deleteEnabled} and refuses (405, HAPI-0427) for any other; PUT, PATCH and HEAD no binding takes.
     */
    private static boolean operationMethod(String m) {
        return getOrPost(m) || m.equals("DELETE");
    }

    /**
     * A segment HAPI FHIR's path reader takes for an operation, wherever it stands: one starting with {@code _} or
     * {@code $}, and {@code metadata}.
     */
    static boolean isOperationPart(String segment) {
        return segment.startsWith("_") || segment.startsWith("$") || segment.equals("metadata");
    }

    static boolean isType(String s) {
        return TYPE.matcher(s).matches();
    }

    private static boolean isOperation(String s) {
        return OPERATION_NAME.matcher(s).matches();
    }
}
