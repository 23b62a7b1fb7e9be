package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClients;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests whose method FHIR does not write for the URL, but which HAPI FHIR 8.6.1 serves all the same: its method
 * bindings match on the URL and ignore (or widen) the method. The audit line must name what HAPI did, as the demo's
 * {@code FhirCallLogger} sees it for the same request, not {@code unknown}: otherwise "who read Patient/x" misses a
 * {@code DELETE .../Patient/x/_history} that answered every version of it.
 */
@QuarkusTest
class HapiMethodBindingsTest {

    private static final String ID = "bindings-1";
    private static final String JSON = "application/fhir+json";

    @TestHTTPResource("/fhir/R4")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void patientExists() {
        Patient patient = DemoData.patient("Bindings");
        patient.setId(ID);
        FhirClients.client(base).update().resource(patient).execute();
    }

    /**
     * HAPI's history binding answers {@code _history} whatever the method, and whatever its path reader put aside
     * after a system or type {@code _history} (an id, a compartment): {@code GET [base]/_history/x} is every version of
     * every resource.
     */
    @Test
    void historyAnsweredForAnyMethodIsLoggedAsHistory() throws Exception {
        for (String method : List.of("HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "TRACK")) {
            JsonNode instance = served(method, "/Patient/" + ID + "/_history", null, null, 200,
                    "FHIR history-instance Patient");
            assertThat(instance.path("interaction").asText()).as(instance.toString()).isEqualTo("history-instance");
            assertThat(instance.path("resourceType").asText()).as(instance.toString()).isEqualTo("Patient");
            assertThat(instance.path("resourceId").asText()).as(instance.toString()).isEqualTo(ID);
            JsonNode type = served(method, "/Patient/_history", null, null, 200, "FHIR history-type Patient");
            assertThat(type.path("interaction").asText()).as(type.toString()).isEqualTo("history-type");
            assertThat(type.path("resourceType").asText()).as(type.toString()).isEqualTo("Patient");
            JsonNode system = served(method, "/_history", null, null, 200, "FHIR history-system");
            assertThat(system.path("interaction").asText()).as(system.toString()).isEqualTo("history-system");
        }
        JsonNode system = served("GET", "/_history/x/y", null, null, 200, "FHIR history-system");
        assertThat(system.path("interaction").asText()).as(system.toString()).isEqualTo("history-system");
        JsonNode type = served("GET", "/Patient/_history/x", null, null, 200, "FHIR history-type Patient");
        assertThat(type.path("interaction").asText()).as(type.toString()).isEqualTo("history-type");
        assertThat(type.path("resourceType").asText()).as(type.toString()).isEqualTo("Patient");
    }

    /**
     * {@code PUT}, {@code PATCH} and {@code DELETE} on {@code [type]/[id]/_history/[vid]} are HAPI's update, patch and
     * delete of {@code [type]/[id]}, the version handed to the provider with the id: they change the resource.
     */
    @Test
    void aWriteOnAVersionUrlIsLoggedAsTheWriteOfTheResource() throws Exception {
        String version = "/Patient/" + ID + "/_history/1";
        JsonNode update = served("PUT", version, "{\"resourceType\":\"Patient\",\"id\":\"" + ID + "\",\"active\":true}",
                JSON, 200, "FHIR update Patient");
        assertWrite(update, "update");
        JsonNode patch = served("PATCH", version, "[{\"op\":\"test\",\"path\":\"/id\",\"value\":\"" + ID + "\"}]",
                "application/json-patch+json", 0, "FHIR patch Patient");
        assertWrite(patch, "patch");
        JsonNode delete = served("DELETE", version, null, null, 204, "FHIR delete Patient");
        assertWrite(delete, "delete");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + ID)).build(),
                BodyHandlers.discarding()).statusCode()).as("deleted").isEqualTo(410);
    }

    /**
     * HAPI's path reader takes a third segment that is no operation for a compartment ({@code Patient/x/Encounter}),
     * which its update, patch and delete bindings do not look at: {@code DELETE .../Patient/x/Encounter} deletes
     * Patient/x.
     */
    @Test
    void aWriteWithASegmentAfterTheIdIsLoggedAsTheWriteOfTheResource() throws Exception {
        String compartment = "/Patient/" + ID + "/Encounter";
        JsonNode update = served("PUT", compartment, "{\"resourceType\":\"Patient\",\"id\":\"" + ID
                + "\",\"active\":true}", JSON, 200, "FHIR update Patient");
        assertResource(update, "update");
        JsonNode patch = served("PATCH", "/Patient/" + ID + "/x", "[{\"op\":\"test\",\"path\":\"/id\",\"value\":\""
                + ID + "\"}]", "application/json-patch+json", 0, "FHIR patch Patient");
        assertResource(patch, "patch");
        JsonNode delete = served("DELETE", compartment, null, null, 204, "FHIR delete Patient");
        assertResource(delete, "delete");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + ID)).build(),
                BodyHandlers.discarding()).statusCode()).as("deleted").isEqualTo(410);
    }

    /**
     * HAPI's page binding answers a {@code POST} on the base whose {@code _getpages} is not blank as it answers the
     * {@code GET}: a page of an earlier search (the demo has no paging provider, so HAPI answers HAPI-0416 from that
     * binding), not the batch or transaction a {@code POST [base]} would be; the Bundle sent is not read.
     */
    @Test
    void aPostForAPageOfASearchIsLoggedAsTheSearchNotABatch() throws Exception {
        JsonNode line = served("POST", "?_getpages=9f1c2d&_getpagesoffset=20",
                "{\"resourceType\":\"Bundle\",\"type\":\"batch\"}", JSON, 0, "FHIR get-page");
        assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("search");
        // HAPI reads a form body's parameters as it reads the query's: the same page, asked for in the body
        JsonNode form = served("POST", "", "_getpages=9f1c2d&_getpagesoffset=20", "application/x-www-form-urlencoded",
                0, "FHIR get-page");
        assertThat(form.path("interaction").asText()).as(form.toString()).isEqualTo("search");
    }

    /**
     * Only a body the servlet container parses as a form is one: it does so when the first {@code Content-Type} starts
     * with {@code application/x-www-form-urlencoded}, as written (lower case). Any other Content-Type leaves the body to
     * HAPI, which takes a FHIR type from any comma-separated part of any Content-Type header and runs the Bundle: a
     * batch that wrote Patient data must not be logged as a search because its first Content-Type looked like a form.
     */
    @Test
    void aBundleWhoseContentTypeOnlyLooksLikeAFormIsLoggedAsTheBatchHapiRan() throws Exception {
        String[][] spoofs = { { "APPLICATION/X-WWW-FORM-URLENCODED;a=b,application/fhir+json" },
                { "Application/x-www-form-urlencoded", JSON } };
        for (int i = 0; i < spoofs.length; i++) {
            String id = "form-spoof-" + i;
            JsonNode line = served("POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"resource\":"
                    + "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"},\"request\":{\"method\":\"PUT\",\"url\":"
                    + "\"Patient/" + id + "\"}}]}", 200, "FHIR transaction", spoofs[i]);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("batch");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + id)).build(),
                    BodyHandlers.discarding()).statusCode()).as("written by the batch").isEqualTo(200);
        }
        // what the servlet container does parse as a form (its parameters are HAPI's, the body is gone): no Bundle runs
        JsonNode parsed = served("POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"batch\"}", 400,
                "FHIR transaction answered 400", "application/x-www-form-urlencoded\t,application/fhir+json");
        assertThat(parsed.path("interaction").asText()).as(parsed.toString()).isEqualTo("search");
    }

    /**
     * A {@code PUT}, {@code PATCH} or {@code DELETE} on {@code [type]} without a query has neither an id nor a
     * conditional URL, yet HAPI serves it with its update, patch and delete bindings: it hands the patch and the delete
     * to the provider with both {@code null} (the demo's fails, 500; another may read "no criteria" as "all"), and
     * refuses the update itself (HAPI-0418). The line names the write and the type, neither id nor {@code conditional}.
     */
    @Test
    void aWriteOnATypeWithoutCriteriaIsLoggedAsTheWriteHapiServes() throws Exception {
        for (String[] write : new String[][] { { "DELETE", "delete" }, { "PATCH", "patch" }, { "PUT", "update" } }) {
            String body = switch (write[0]) {
                case "PATCH" -> "[{\"op\":\"test\",\"path\":\"/id\",\"value\":\"" + ID + "\"}]";
                case "PUT" -> "{\"resourceType\":\"Patient\",\"id\":\"" + ID + "\"}";
                default -> null;
            };
            JsonNode line = served(write[0], "/Patient", body, write[0].equals("PATCH") ? "application/json-patch+json"
                    : body == null ? null : JSON, 0, "FHIR " + write[1] + " Patient");
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo(write[1]);
            assertThat(line.path("resourceType").asText()).as(line.toString()).isEqualTo("Patient");
            assertThat(line.has("resourceId")).as(line.toString()).isFalse();
            assertThat(line.has("conditional")).as(line.toString()).isFalse();
        }
    }

    /**
     * HAPI's path reader sets aside the segments after an operation (a compartment, a second operation), which its
     * operation and capability-statement bindings do not look at: {@code GET .../Patient/x/$everything/y} answers
     * everything of Patient/x.
     */
    @Test
    void anOperationWithSegmentsAfterItIsLoggedAsThatOperation() throws Exception {
        JsonNode everything = served("GET", "/Patient/" + ID + "/$everything/x", null, null, 200,
                "FHIR extended-operation-instance Patient");
        assertThat(everything.path("interaction").asText()).as(everything.toString()).isEqualTo("operation");
        assertThat(everything.path("operation").asText()).as(everything.toString()).isEqualTo("$everything");
        assertThat(everything.path("resourceId").asText()).as(everything.toString()).isEqualTo(ID);
        JsonNode ping = served("POST", "/Patient/$ping/x/y", null, null, 200, "FHIR extended-operation-type Patient");
        assertThat(ping.path("interaction").asText()).as(ping.toString()).isEqualTo("operation");
        assertThat(ping.path("operation").asText()).as(ping.toString()).isEqualTo("$ping");
        assertThat(ping.path("resourceType").asText()).as(ping.toString()).isEqualTo("Patient");
        JsonNode metadata = served("GET", "/metadata/x/y/z", null, null, 200, "FHIR metadata");
        assertThat(metadata.path("interaction").asText()).as(metadata.toString()).isEqualTo("capabilities");
    }

    /**
     * A {@code POST} on a URL with an id ({@code [type]/[id]}, with a segment HAPI keeps as a compartment, or a version
     * URL) is dispatched by HAPI to its create binding, which refuses a URL with an id (400, HAPI-0365): the line names
     * that create, with what the URL named, and the status says it was refused.
     */
    @Test
    void aPostOnAnIdUrlIsLoggedAsTheCreateHapiRefuses() throws Exception {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + ID + "\"}";
        for (String path : List.of("/Patient/" + ID, "/Patient/" + ID + "/Encounter",
                "/Patient/" + ID + "/_history/1")) {
            JsonNode line = served("POST", path, body, JSON, 400, "FHIR create Patient answered 400");
            assertResource(line, "create");
            assertThat(line.path("versionId").asText()).as(line.toString())
                    .isEqualTo(path.endsWith("/_history/1") ? "1" : "");
        }
        // without a body there is no id in it to refuse: HAPI's create hands the provider a null resource (the demo's
        // fails, 500; its interceptor saw the create pre-handled), so a create did run for this URL
        JsonNode empty = served("POST", "/Patient/" + ID + "/_history/1", null, null, 500, "FHIR create Patient");
        assertResource(empty, "create");
        assertThat(empty.path("versionId").asText()).as(empty.toString()).isEqualTo("1");
    }

    /**
     * HAPI's operation binding takes a {@code DELETE} as it takes a GET or a POST, and serves it for an operation
     * declared {@code deleteEnabled}; the demo's are not, so it refuses it (405, HAPI-0427): the line names that
     * operation, and the status says it was refused.
     */
    @Test
    void aDeleteOnAnOperationIsLoggedAsTheOperationHapiRefuses() throws Exception {
        for (String path : List.of("/Patient/" + ID + "/$everything", "/Patient/" + ID + "/$everything/x",
                "/Patient/" + ID + "/_history/1/$everything")) {
            JsonNode line = served("DELETE", path, null, null, 405,
                    "FHIR extended-operation-instance Patient answered 405");
            assertResource(line, "operation");
            assertThat(line.path("operation").asText()).as(line.toString()).isEqualTo("$everything");
        }
        JsonNode type = served("DELETE", "/Patient/$ping", null, null, 405,
                "FHIR extended-operation-type Patient answered 405");
        assertThat(type.path("interaction").asText()).as(type.toString()).isEqualTo("operation");
        assertThat(type.path("operation").asText()).as(type.toString()).isEqualTo("$ping");
        assertThat(type.path("resourceType").asText()).as(type.toString()).isEqualTo("Patient");
        JsonNode system = served("DELETE", "/$ping", null, null, 405, "FHIR extended-operation-server answered 405");
        assertThat(system.path("interaction").asText()).as(system.toString()).isEqualTo("operation");
        assertThat(system.path("operation").asText()).as(system.toString()).isEqualTo("$ping");
    }

    /**
     * A request no binding takes stays {@code unknown}: HAPI answers that it does not know how to handle it (400), or
     * refuses it while still choosing a binding, before any is dispatched (OPTIONS on metadata, 405 HAPI-0388; its own
     * interceptors see no operation then, "FHIR request").
     */
    @Test
    void aRequestNoBindingTakesIsLoggedAsUnknown() throws Exception {
        String[][] refused = { { "HEAD", "/Patient?name=x", "400" },
                { "HEAD", "/Patient/" + ID + "/$everything", "400" },
                { "PUT", "/Patient/" + ID + "/$everything", "400" }, { "OPTIONS", "/Patient/" + ID, "400" },
                { "GET", "/Patient/" + ID + "/x", "400" }, { "POST", "/Patient/" + ID + "/_x", "400" },
                { "OPTIONS", "/metadata", "405" }, { "POST", "/metadata", "405" }, { "GET", "", "400" },
                // HAPI decodes a type, _history or an operation once: these name no type (404) or binding (400) to it
                { "GET", "/%2550atient/" + ID, "404" }, { "GET", "/Patient/" + ID + "/%2524everything", "400" },
                { "GET", "/Patient/" + ID + "/_%2568istory/1", "400" } };
        for (String[] r : refused) {
            JsonNode line = served(r[0], r[1], null, null, Integer.parseInt(r[2]), "FHIR request answered " + r[2]);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("unknown");
        }
    }

    /**
     * An id that is no FHIR id (matrix parameters, a space, non-ASCII, control characters, an encoded slash, bytes that
     * are not UTF-8, 65 characters) is still an id to HAPI: it dispatches the request to the binding of its shape (its
     * read answers 404 HAPI-0971, its update refuses the body's missing id, HAPI-0419). The line names that interaction
     * and the type, never the id (nor the version of that id).
     */
    @Test
    void aRequestWhoseIdIsNoFhirIdIsLoggedAsTheBindingHapiDispatchesTo() throws Exception {
        String put = "{\"resourceType\":\"Patient\"}";
        String patch = "[{\"op\":\"test\",\"path\":\"/id\",\"value\":\"x\"}]";
        for (String junk : List.of("1;x=y", "a%20b", "M%C3%BCller", "1%0A", "1%2F2", "%FF", "%0D%0A%22x%27%3C",
                "1234567890".repeat(6) + "12345")) {
            String id = "/Patient/" + junk;
            assertNoId(served("GET", id, null, null, 404, "FHIR read Patient answered 404"), "read");
            assertNoId(served("HEAD", id, null, null, 404, "FHIR read Patient answered 404"), "read");
            assertNoId(served("PUT", id, put, JSON, 400, "FHIR update Patient answered 400"), "update");
            assertNoId(served("PATCH", id, patch, "application/json-patch+json", 404,
                    "FHIR patch Patient answered 404"), "patch");
            assertNoId(served("DELETE", id, null, null, 404, "FHIR delete Patient answered 404"), "delete");
            assertNoId(served("POST", id, null, null, 500, "FHIR create Patient"), "create");
            assertNoId(served("GET", id + "/_history/1", null, null, 404, "FHIR vread Patient answered 404"), "vread");
            assertNoId(served("DELETE", id + "/Encounter", null, null, 404, "FHIR delete Patient answered 404"),
                    "delete");
            assertNoId(served("GET", id + "/_history", null, null, 404, "FHIR history-instance Patient answered 404"),
                    "history-instance");
            JsonNode everything = served("GET", id + "/$everything", null, null, 404,
                    "FHIR extended-operation-instance Patient answered 404");
            assertNoId(everything, "operation");
            assertThat(everything.path("operation").asText()).as(everything.toString()).isEqualTo("$everything");
            assertNoId(served("DELETE", id + "/_history/1/$everything", null, null, 405,
                    "FHIR extended-operation-instance Patient answered 405"), "operation");
            // a version that is no FHIR id: the demo's vread fails on it (500); the line names the id, not the version
            JsonNode vread = served("GET", "/Patient/" + ID + "/_history/" + junk, null, null, 500,
                    "FHIR vread Patient failed with 500");
            assertThat(vread.path("interaction").asText()).as(vread.toString()).isEqualTo("vread");
            assertThat(vread.path("resourceId").asText()).as(vread.toString()).isEqualTo(ID);
            assertThat(vread.has("versionId")).as(vread.toString()).isFalse();
            assertSafe(vread);
            // no binding takes these, whatever the id: HAPI does not know how to handle them
            for (String[] none : new String[][] { { "GET", id + "/Observation" }, { "PUT", id + "/$everything" },
                    { "OPTIONS", id } }) {
                JsonNode line = served(none[0], none[1], null, null, 400, "FHIR request answered 400");
                assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("unknown");
                assertSafe(line);
            }
        }
    }

    /**
     * HAPI drops control characters from a segment (but line ends, which it escapes) and takes one left blank for no
     * value at all: an id that is only white space is a read (or update ...) without an id, a version only white space
     * makes {@code _history/[vid]} a read of the id, and a blank id before a version HAPI cannot build (500, before any
     * binding). An id it cannot decode ({@code %25zz}: a malformed escape after its first decoding) is a 500
     * before any binding too.
     */
    @Test
    void aBlankOrUndecodableIdIsLoggedAsHapiReadsIt() throws Exception {
        for (String blank : List.of("%20", "%09", "%E2%80%A8")) {
            assertNoId(served("GET", "/Patient/" + blank, null, null, 404, "FHIR read Patient answered 404"), "read");
            assertNoId(served("PUT", "/Patient/" + blank, "{\"resourceType\":\"Patient\"}", JSON, 400,
                    "FHIR update Patient answered 400"), "update");
            JsonNode read = served("GET", "/Patient/" + ID + "/_history/" + blank, null, null, 200,
                    "FHIR read Patient");
            assertThat(read.path("interaction").asText()).as(read.toString()).isEqualTo("read");
            assertThat(read.path("resourceId").asText()).as(read.toString()).isEqualTo(ID);
            assertThat(read.has("versionId")).as(read.toString()).isFalse();
            JsonNode none = served("DELETE", "/Patient/" + blank + "/_history/1", null, null, 500,
                    "FHIR request failed with 500");
            assertThat(none.path("interaction").asText()).as(none.toString()).isEqualTo("unknown");
        }
        for (String undecodable : List.of("%25zz", "a%25b")) {
            JsonNode line = served("GET", "/Patient/" + undecodable, null, null, 500, "FHIR request failed with 500");
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("unknown");
        }
    }

    /**
     * HAPI's path reader drops the control characters of a segment but the line ends (UrlUtil.sanitizeUrlPart) before
     * it builds the id: it serves {@code Patient/<id>%01} (a control character anywhere, %00 to %1F) as Patient/<id>,
     * for a read, a version, a history, an operation and every write. The line must name the resource HAPI served, or
     * "who read (or deleted) Patient/x" misses it. What HAPI keeps (a space, {@code +}, DEL, NBSP, a zero-width space, a
     * control character encoded twice: HAPI drops before its last decoding) is another id, which it does not find.
     */
    @Test
    void anIdSpeltWithControlCharactersIsLoggedAsTheIdHapiServes() throws Exception {
        for (String spelt : List.of(ID + "%01", "%09" + ID, "bindings%1F-1", ID + "%00", ID + "%0B", "%0C" + ID)) {
            assertResource(served("GET", "/Patient/" + spelt, null, null, 200, "FHIR read Patient"), "read");
        }
        assertResource(served("HEAD", "/Patient/" + ID + "%1C", null, null, 200, "FHIR read Patient"), "read");
        assertWrite(served("GET", "/Patient/" + ID + "%01/_history/%011", null, null, 200, "FHIR vread Patient"),
                "vread");
        assertResource(served("GET", "/Patient/" + ID + "%01/_history", null, null, 200,
                "FHIR history-instance Patient"), "history-instance");
        assertResource(served("GET", "/Patient/" + ID + "%09/$everything", null, null, 200,
                "FHIR extended-operation-instance Patient"), "operation");
        // the type, _history and the operation are read the same way
        assertResource(served("GET", "/Pat%01ient/" + ID, null, null, 200, "FHIR read Patient"), "read");
        assertWrite(served("GET", "/Patient/" + ID + "/_hist%01ory/1", null, null, 200, "FHIR vread Patient"),
                "vread");
        assertResource(served("GET", "/Patient/" + ID + "/%24every%01thing", null, null, 200,
                "FHIR extended-operation-instance Patient"), "operation");
        assertResource(served("PATCH", "/Patient/" + ID + "%0C", "[{\"op\":\"replace\",\"path\":\"/active\","
                + "\"value\":false}]", "application/json-patch+json", 200, "FHIR patch Patient"), "patch");
        assertResource(served("PUT", "/Patient/" + ID + "%1F", "{\"resourceType\":\"Patient\",\"id\":\"" + ID
                + "\",\"active\":true}", JSON, 200, "FHIR update Patient"), "update");
        assertWrite(served("DELETE", "/Patient/" + ID + "%00/_history/1", null, null, 204, "FHIR delete Patient"),
                "delete");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + ID)).build(),
                BodyHandlers.discarding()).statusCode()).as("deleted").isEqualTo(410);
        patientExists();
        assertResource(served("DELETE", "/Patient/%01" + ID, null, null, 204, "FHIR delete Patient"), "delete");
        patientExists();
        for (String other : List.of(ID + "%20", "%20" + ID, ID + "+", ID + "%2B", ID + "%7F", ID + "%C2%A0",
                ID + "%E2%80%8B", ID + "%2509", ID + "%0A")) {
            assertNoId(served("GET", "/Patient/" + other, null, null, 404, "FHIR read Patient answered 404"), "read");
        }
    }

    /** The interaction and the type, neither id nor version, and nothing decoded outside {@code path}. */
    private static void assertNoId(JsonNode line, String interaction) {
        assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo(interaction);
        assertThat(line.path("resourceType").asText()).as(line.toString()).isEqualTo("Patient");
        assertThat(line.has("resourceId")).as(line.toString()).isFalse();
        assertThat(line.has("versionId")).as(line.toString()).isFalse();
        assertSafe(line);
    }

    /** No field but {@code path} (redacted, as sent) holds a control character, a quote, {@code %} or non-ASCII. */
    static void assertSafe(JsonNode line) {
        line.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("path") && field.getValue().isTextual()) {
                assertThat(field.getValue().asText()).as(field.getKey() + " of " + line)
                        .matches("[\\x20-\\x7E&&[^\"'%<>\\\\]]*");
            }
        });
    }

    /** HAPI's capability-statement binding answers {@code OPTIONS [base]} too (FHIR's DSTU1 conformance). */
    @Test
    void optionsOnTheBaseIsLoggedAsTheCapabilityStatementItAnswers() throws Exception {
        for (String target : List.of("", "/", "?name=x")) {
            JsonNode line = served("OPTIONS", target, null, null, 200, "FHIR metadata");
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("capabilities");
        }
    }

    private static void assertWrite(JsonNode line, String interaction) {
        assertResource(line, interaction);
        assertThat(line.path("versionId").asText()).as(line.toString()).isEqualTo("1");
    }

    private static void assertResource(JsonNode line, String interaction) {
        assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo(interaction);
        assertThat(line.path("resourceType").asText()).as(line.toString()).isEqualTo("Patient");
        assertThat(line.path("resourceId").asText()).as(line.toString()).isEqualTo(ID);
    }

    /**
     * Sends {@code method} to the base plus {@code path}; checks the status ({@code 0}: any) and that HAPI served it as
     * {@code hapiSaw} (how the demo's interceptor lines of the same request start); returns the request's audit line.
     */
    private JsonNode served(String method, String path, String body, String contentType, int status, String hapiSaw)
            throws Exception {
        return served(method, path, body, status, hapiSaw,
                contentType == null ? new String[0] : new String[] { contentType });
    }

    /** As {@link #served(String, String, String, String, int, String)}, with a Content-Type header for each type. */
    private JsonNode served(String method, String path, String body, int status, String hapiSaw,
            String... contentTypes) throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
            for (String contentType : contentTypes) {
                request.header("Content-Type", contentType);
            }
            var response = http.send(request.build(), BodyHandlers.ofString());
            String what = method + " " + path + ": " + response.body();
            if (status != 0) {
                assertThat(response.statusCode()).as(what).isEqualTo(status);
            }
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(console.awaitRequestServed(requestId)).as(what).isTrue();
            assertThat(console.json(m -> m.startsWith("FHIR ")))
                    .filteredOn(l -> requestId.equals(l.path("requestId").asText()))
                    .extracting(l -> l.path("msg").asText()).as(what)
                    .anySatisfy(msg -> assertThat(msg).startsWith(hapiSaw)); // "FHIR read Patient[ answered 404]"
            JsonNode line = console.json(m -> m.equals("Request served")).stream()
                    .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
            assertThat(line.path("status").asInt()).isEqualTo(response.statusCode());
            return line;
        }
    }
}
