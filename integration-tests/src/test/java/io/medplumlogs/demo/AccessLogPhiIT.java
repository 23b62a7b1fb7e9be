package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.ProcessStdout;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * HAPI FHIR's {@code LoggingInterceptor}, registered by the demo as HAPI's JPA server starter does
 * ({@code DemoFhirServlet.accessLog()}: logger {@code fhirtest.access}, the starter's message format with
 * {@code Params[${requestParameters}]} and its error format {@code ERROR - ${requestVerb} ${requestUrl}}), writes the
 * search values HAPI read into its messages. Searches with made-up patient data in the query (GET, POST
 * {@code _search} with a form body), a transaction and a batch whose entries' {@code request.url} carry search
 * values, and searches that fail (so that the error format is used, here with {@code ${exceptionMessage}} at its
 * end: HAPI's message quotes the value it refused) are sent to the packaged demo; then no line of its stdout or
 * stderr may hold any of the values, while the access log's lines are still there, with the parameter names and
 * {@code ***} for the values, HAPI's codes for its messages.
 */
@QuarkusIntegrationTest
@TestProfile(AccessLogPhiIT.ErrorLineWithExceptionMessage.class)
@WithTestResource(ProcessStdout.class)
class AccessLogPhiIT {

    /** The error format with {@code ${exceptionMessage}} at its end: HAPI's message, which quotes the value. */
    public static class ErrorLineWithExceptionMessage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo.access-log.exception-message", "true");
        }
    }

    private static final String ACCESS_LOG = "fhirtest.access";
    private static final String MRN = "http://acme.org/mrn|";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> canaries = new ArrayList<>();
    /** request id → what the access log's line for it must say (patterns its msg must contain). */
    private final Map<String, List<String>> expected = new LinkedHashMap<>();

    private String canary(String value) {
        canaries.add(value);
        return value;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void searchValuesInHapisAccessLogAreRedactedOnEveryLine() throws Exception {
        String fhir = "/fhir/R4";
        String json = "application/fhir+json";
        String form = "application/x-www-form-urlencoded";

        // GET search: Params[?name=...&identifier=...] (in the order HAPI keeps them), the values as HAPI read them
        send("GET", fhir + "/Patient?name=" + canary("PhiAccessGetName") + "&identifier="
                + encoded(MRN + canary("PhiAccessGetMrn")) + "&_count=5", null, null, 200,
                "^Path\\[/fhir/R4] Source\\[] Operation\\[search-type  Patient] UA\\[access-log-test] Params\\[\\?[^]]+]"
                        + " ResponseEncoding\\[]$", "[?&]name=\\*\\*\\*[&\\]]", "[?&]identifier=\\*\\*\\*[&\\]]",
                "[?&]_count=5[&\\]]");
        // POST _search: HAPI reads the form body as parameters, the access log writes them as a query
        send("POST", fhir + "/Patient/_search", "family=" + canary("PhiAccessFormFamily") + "&birthdate="
                + canary("1931-07-23") + "&identifier=" + encoded(MRN + canary("PhiAccessFormMrn")), form, 200,
                "^Path\\[/fhir/R4] .* Operation\\[search-type  Patient] .* Params\\[\\?[^]]+] ",
                "[?&]family=\\*\\*\\*[&\\]]", "[?&]birthdate=\\*\\*\\*[&\\]]", "[?&]identifier=\\*\\*\\*[&\\]]");
        // a transaction and a batch: entries' request.url and ifNoneExist carry search values, a resource a name
        send("POST", fhir, bundle("transaction", entry("POST", "Patient", canary("PhiAccessTxFamily"),
                "identifier=" + encoded(MRN + canary("PhiAccessTxIfNoneExist"))),
                entry("PUT", "Patient?identifier=" + encoded(MRN + canary("PhiAccessTxPutMrn")),
                        canary("PhiAccessTxPutFamily"), null),
                entry("GET", "Patient?name=" + canary("PhiAccessTxGetName") + "&birthdate=" + canary("1932-08-24"),
                        null, null)), json, 200, "Operation\\[transaction  ] .* Params\\[] ");
        send("POST", fhir, bundle("batch", entry("GET", "Patient?identifier="
                + encoded(MRN + canary("PhiAccessBatchMrn")), null, null)), json, 200,
                "Operation\\[transaction  ] .* Params\\[] ");
        // failures: the error format's line, the URL without its query, then HAPI's message reduced to its codes
        // (it quotes the value: HAPI-1940: Invalid date/time/quantity format: "...")
        String redacted = " HAPI-\\d{4}( HAPI-\\d{4})* \\(details redacted\\)$";
        send("GET", fhir + "/Patient?birthdate=" + canary("PhiAccessBadBirthdate") + "&name="
                + canary("PhiAccessNameOnError"), null, null, 400, "^ERROR - GET http://[^ ?]+/fhir/R4/Patient" + redacted);
        send("GET", fhir + "/Patient?_count=" + canary("PhiAccessCount"), null, null, 400,
                "^ERROR - GET http://[^ ?]+/fhir/R4/Patient HAPI-0375 \\(details redacted\\)$");
        send("POST", fhir + "/Patient/_search", "birthdate=" + canary("PhiAccessFormBadBirthdate") + "&family="
                + canary("PhiAccessFormFamilyOnError"), form, 400,
                "^ERROR - POST http://[^ ?]+/fhir/R4/Patient/_search" + redacted);

        List<String> stdout = awaitAccessLog();
        List<String> everything = new ArrayList<>(stdout);
        everything.add(ProcessStdout.stderr());
        List<String> leaks = new ArrayList<>();
        for (String line : everything) {
            for (String canary : canaries) {
                if (line.toLowerCase(Locale.ROOT).contains(canary.toLowerCase(Locale.ROOT))) {
                    leaks.add(canary + " in: " + line.strip());
                }
            }
        }
        assertThat(leaks).as("synthetic PHI found in the process' output").isEmpty();
        // the access log is still written: one line per request, the values as ***, the rest as HAPI wrote it
        for (Map.Entry<String, List<String>> request : expected.entrySet()) {
            List<JsonNode> ofRequest = accessLogLines(stdout, request.getKey());
            assertThat(ofRequest).as("the access log's lines of request " + request.getKey()).hasSize(1);
            String msg = ofRequest.get(0).path("msg").asText();
            for (String pattern : request.getValue()) {
                assertThat(msg).as("access log line of request " + request.getKey()).containsPattern(pattern);
            }
        }
    }

    private static String entry(String method, String url, String family, String ifNoneExist) {
        String resource = family == null ? ""
                : ",\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]}";
        String condition = ifNoneExist == null ? "" : ",\"ifNoneExist\":\"" + ifNoneExist + "\"";
        return "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\"" + resource
                + ",\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"" + condition + "}}";
    }

    private static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    /** Sends one request and notes what its access-log line must hold (patterns). */
    private void send(String method, String path, String body, String contentType, int status, String... logged)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("User-Agent", "access-log-test")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        var response = http.send(request.build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        assertThat(requestId).as("X-Request-Id of " + method + " " + path).isNotNull();
        expected.put(requestId, List.of(logged));
    }

    /** stdout once every request's access-log line is there (stdout reaches us through a pipe). */
    private List<String> awaitAccessLog() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> lines = ProcessStdout.stdoutLines();
        while (!allLogged(lines) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            lines = ProcessStdout.stdoutLines();
        }
        assertThat(allLogged(lines)).as("an access-log line for every request; got:\n" + String.join("", lines))
                .isTrue();
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }

    private boolean allLogged(List<String> lines) {
        return expected.keySet().stream().allMatch(id -> !accessLogLines(lines, id).isEmpty());
    }

    private static List<JsonNode> accessLogLines(List<String> lines, String requestId) {
        return lines.stream().filter(l -> l.contains(requestId) && l.contains("\"" + ACCESS_LOG + "\""))
                .map(ConsoleLines::parse)
                .filter(l -> ACCESS_LOG.equals(l.path("logger").asText())
                        && requestId.equals(l.path("requestId").asText()))
                .toList();
    }
}
