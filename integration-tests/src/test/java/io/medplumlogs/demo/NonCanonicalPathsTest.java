package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.DemoData;
import io.medplumlogs.demo.support.FhirClients;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Paths written differently from their canonical form, sent over a raw socket (HTTP clients would re-encode them):
 * the audit line says what HAPI actually served ({@code /fhir/R4/Patient/%31} is a read of Patient/1), and a path
 * that only starts with {@code /q/} is audited like the path it is served as.
 */
@QuarkusTest
class NonCanonicalPathsTest {

    private static final String ID = "canon-7";

    @TestHTTPResource("/fhir/R4")
    URL base;

    @BeforeEach
    void patientExists() {
        Patient patient = DemoData.patient("Canonical");
        patient.setId(ID);
        FhirClients.client(base).update().resource(patient).execute();
    }

    @Test
    void percentEncodedSegmentsAreClassifiedAsHapiServesThem() throws Exception {
        // HAPI decodes every segment (and an id twice: %2563 is 'c')
        for (String target : List.of("/fhir/R4/Patient/canon-%37", "/fhir/R4/%50atient/canon-7",
                "/fhir/R4/Patient/canon%2D7", "/fhir/R4/Patient/%2563anon-7")) {
            JsonNode line = servedWith(200, target);
            assertThat(line.path("interaction").asText()).as(target).isEqualTo("read");
            assertThat(line.path("resourceType").asText()).as(target).isEqualTo("Patient");
            assertThat(line.path("resourceId").asText()).as(target).isEqualTo(ID);
        }
        JsonNode everything = servedWith(200, "/fhir/R4/Patient/canon-7/%24everything");
        assertThat(everything.path("interaction").asText()).isEqualTo("operation");
        assertThat(everything.path("operation").asText()).isEqualTo("$everything");
        assertThat(everything.path("resourceId").asText()).isEqualTo(ID);
        JsonNode vread = servedWith(200, "/fhir/R4/Patient/canon-7/%5Fhistory/%31");
        assertThat(vread.path("interaction").asText()).isEqualTo("vread");
        assertThat(vread.path("versionId").asText()).isEqualTo("1");
    }

    /**
     * FHIR writes a search on {@code _search} with POST, but HAPI FHIR serves a GET on it too, as the same search: a
     * search spelt that way must not be logged as {@code unknown}, away from every query on {@code search-type}.
     */
    @Test
    void aGetOnSearchIsLoggedAsTheSearchHapiServes() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            RawHttp.Response response = RawHttp.get("/fhir/R4/Patient/_search?_id=" + ID);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("\"searchset\"").contains(ID);
            JsonNode line = requestServed(console, response);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("search-type");
            assertThat(line.path("resourceType").asText()).isEqualTo("Patient");
            assertThat(line.path("path").asText()).isEqualTo("/fhir/R4/Patient/_search?_id=***");
        }
    }

    /**
     * HAPI FHIR's paging links ({@code GET [base]?_getpages=<search id>&_getpagesoffset=..}) fetch a page of an earlier
     * search: HAPI serves them with its page method (the demo has no paging provider, so HAPI answers HAPI-0416 from
     * that method), not as a system search, and the line says {@code search} without claiming a kind the URL does not
     * tell.
     */
    @Test
    void aPageOfAnEarlierSearchIsLoggedAsASearchNotASystemSearch() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            RawHttp.Response response = RawHttp.get("/fhir/R4?_getpages=9f1c2d&_getpagesoffset=20&_count=20"
                    + "&_bundletype=searchset");
            assertThat(response.body()).as("served by HAPI's page method").contains("HAPI-0416");
            JsonNode line = requestServed(console, response);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("search");
            assertThat(line.has("resourceType")).as(line.toString()).isFalse();
        }
    }

    /**
     * HAPI FHIR serves HEAD for a read and the capability statement only (ReadMethodBinding, ConformanceMethodBinding);
     * SearchMethodBinding takes GET and POST alone. A HEAD on {@code [type]} or on {@code _search} is refused (400), so
     * the line must not name the search that a GET on the same URL is; a HEAD read is served and logged as the read.
     */
    @Test
    void aHeadIsLoggedAsWhatHapiServesForIt() throws Exception {
        for (String target : List.of("/fhir/R4/Patient/_search?_id=" + ID, "/fhir/R4/Patient?_id=" + ID)) {
            try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
                RawHttp.Response response = RawHttp.send("HEAD " + target + " HTTP/1.1");
                JsonNode line = requestServed(console, response);
                assertThat(response.status()).as(line.toString()).isGreaterThanOrEqualTo(400);
                assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("unknown");
            }
        }
        for (String target : List.of("/fhir/R4/Patient/" + ID, "/fhir/R4/metadata")) {
            try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
                RawHttp.Response response = RawHttp.send("HEAD " + target + " HTTP/1.1");
                JsonNode line = requestServed(console, response);
                assertThat(response.status()).as(line.toString()).isEqualTo(200);
                assertThat(line.path("interaction").asText()).as(line.toString()).isIn("read", "capabilities");
            }
        }
    }

    /**
     * HAPI FHIR takes a PUT, PATCH or DELETE on {@code [type]} with any query as the conditional interaction, the
     * type and the whole query its conditional URL, {@code _format} included ({@code RequestDetails.getConditionalUrl}).
     * So {@code PATCH /fhir/R4/Patient?_format=json} runs the provider's conditional patch, whose criteria the
     * application reads (the demo's then match every Patient, and it refuses; a {@code DELETE} would have deleted
     * them all). The line must name that patch, not {@code unknown}. The patch body only tests, so nothing changes.
     */
    @Test
    void aWriteOnATypeWithOnlyAFormatParameterIsTheConditionalWriteHapiServes() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(base + "/Patient?_format=json"))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "[{\"op\":\"test\",\"path\":\"/id\",\"value\":\"no-such-id\"}]"))
                    .header("Content-Type", "application/json-patch+json").build(), HttpResponse.BodyHandlers.ofString());
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(console.awaitRequestServed(requestId)).isTrue();
            // what HAPI made of it, as the demo's interceptor logs it for the same request
            assertThat(console.json(m -> m.startsWith("FHIR ")))
                    .filteredOn(l -> requestId.equals(l.path("requestId").asText()))
                    .extracting(l -> l.path("msg").asText()).contains("FHIR patch Patient");
            JsonNode line = console.json(m -> m.equals("Request served")).stream()
                    .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
            assertThat(line.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("patch");
            assertThat(line.path("conditional").asBoolean()).as(line.toString()).isTrue();
            assertThat(line.path("resourceType").asText()).isEqualTo("Patient");
        }
    }

    /**
     * HAPI FHIR 8.6.1 serves it as a read; with Java assertions on (as under surefire) an {@code assert} in its
     * {@code RequestDetails.setRequestPath} fails first and it answers 500. Either way the line names the read that
     * was asked for, with the status HAPI gave.
     */
    @Test
    void anEmptySegmentIsClassifiedLikeTheCanonicalPath() throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            RawHttp.Response response = RawHttp.get("/fhir/R4//Patient/" + ID);
            JsonNode line = requestServed(console, response);
            assertThat(line.path("interaction").asText()).as(line.toString()).isEqualTo("read");
            assertThat(line.path("resourceType").asText()).isEqualTo("Patient");
            assertThat(line.path("resourceId").asText()).isEqualTo(ID);
            assertThat(line.path("path").asText()).isEqualTo("/fhir/R4//Patient/" + ID);
        }
    }

    /**
     * A segment that decodes to no FHIR id (a line end, a quote, a slash, non-ASCII, bytes that are not UTF-8) is still
     * the id HAPI FHIR reads (its read answers 404): the line names that read of a Patient, and nothing decoded reaches
     * it outside {@code path}, which keeps the target as sent. Likewise for a version that is no FHIR id.
     */
    @Test
    void decodedJunkNeverReachesTheLine() throws Exception {
        for (String target : List.of("/fhir/R4/Patient/canon-7%0A", "/fhir/R4/Patient/canon-7%0D%0A%22x",
                "/fhir/R4/Patient/%E2%80%A8", "/fhir/R4/Patient/canon-7%2F", "/fhir/R4/Patient/%FF",
                "/fhir/R4/Patient/M%C3%BCller%27%3Cb%3E", "/fhir/R4/Patient/canon-7%5C%22%7D",
                "/fhir/R4/Patient/canon-7/_history/1%0A%22", "/fhir/R4/Patient/%0A%22/_history/1")) {
            try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
                RawHttp.Response response = RawHttp.get(target);
                JsonNode line = requestServed(console, response); // parsing checks: one JSON object on one line
                boolean version = target.contains("/_history/");
                assertThat(line.path("interaction").asText()).as(target).isEqualTo(version ? "vread" : "read");
                assertThat(line.path("resourceType").asText()).as(target).isEqualTo("Patient");
                assertThat(line.path("resourceId").asText()).as(target)
                        .isEqualTo(target.contains("canon-7/_history") ? ID : "");
                assertThat(line.has("versionId")).as(target).isFalse();
                assertThat(line.path("path").asText()).as(target).isEqualTo(target);
                HapiMethodBindingsTest.assertSafe(line);
            }
        }
    }

    @Test
    void pathsThatOnlyStartWithTheNonApplicationRootAreAudited() throws Exception {
        for (String target : List.of("/q/../demo/hops", "/q/%2E%2E/demo/hops", "/q/..;/fhir/R4/metadata")) {
            try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
                RawHttp.Response response = RawHttp.get(target);
                assertThat(requestServed(console, response).path("path").asText()).isEqualTo(target);
            }
        }
    }

    /**
     * Spellings of a FHIR read that start with the excluded {@code /q/}: whatever reaches HAPI FHIR (its answer is a
     * FHIR resource, even an OperationOutcome) has its line, and a spelling that gets none (the router serves it under
     * {@code /q/}: an encoded slash or backslash is no separator) never reached HAPI.
     */
    @Test
    void noSpellingOfTheNonApplicationRootReachesHapiUnaudited() throws Exception {
        String read = "fhir/R4/Patient/" + ID;
        List<String> audited = List.of("/q/x/../../" + read, "/q/./../" + read, "/q/.%2e/" + read, "/q/%2e./" + read,
                "/q;/../" + read, "/q/..;x=y/" + read, "/q/%2E%2E;/" + read, "/q/.;/../" + read, "/q/..;a/" + read,
                "/q/..;/..;/" + read, "/q/..//" + read, "/q/../" + read + "?", "/q/../" + read + "#",
                "/q/..;x=%2F/" + read, "/q%2F..%2F" + read, "http://h/q/../" + read, "HTTP://h/q/../" + read);
        List<String> excluded = List.of("/q/..%2F" + read, "/q/%2e%2e%2f" + read, "/q/dev-ui/..%2F..%2F" + read,
                "/q/..%5C" + read, "/q/..%3B/" + read, "/q/%252e%252e/" + read, "/q/..%00/" + read, "/q//../" + read,
                "/q/...//" + read, "/q/..%c0%af" + read, "http://a/q/..@h/" + read);
        for (String target : audited) {
            try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
                RawHttp.Response response = RawHttp.get(target);
                assertThat(requestServed(console, response).path("path").asText()).as(target).isNotEmpty();
            }
        }
        for (String target : excluded) {
            RawHttp.Response response = RawHttp.get(target);
            assertThat(response.body()).as(target).doesNotContain("\"resourceType\"").doesNotContain("Canonical");
        }
    }

    private static JsonNode servedWith(int status, String target) throws Exception {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            RawHttp.Response response = RawHttp.get(target);
            assertThat(response.status()).as(target).isEqualTo(status);
            return requestServed(console, response);
        }
    }

    private static JsonNode requestServed(ConsoleLines console, RawHttp.Response response) {
        String requestId = response.header("X-Request-Id");
        assertThat(console.awaitRequestServed(requestId)).as("Request served line of %s in %s", response.statusLine(),
                console.lines()).isTrue();
        JsonNode line = console.json(m -> m.equals("Request served")).stream()
                .filter(l -> requestId.equals(l.path("requestId").asText())).findFirst().orElseThrow();
        assertThat(line.path("status").asInt()).isEqualTo(response.status());
        return line;
    }
}
