package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medplumlogs.demo.support.ProcessStdout;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * PHI canary: made-up, distinct "patient data" strings are sent to the packaged demo (prod profile, JSON lines)
 * through every channel a client has — query values (GET and POST {@code _search}, form and JSON bodies), path
 * segments, create/update/patch bodies with invalid content, headers — on requests that succeed and on requests
 * that fail with 400, 404, 422 and 500. Then every line the process wrote to stdout and stderr (ours, Quarkus',
 * Vert.x', HAPI's, the app's) is searched for them.
 * <p>
 * A canary may only appear where the log contract keeps it on purpose, and nowhere else: a path segment in the
 * {@code path} field of the {@code Request served} line (and in {@code resourceId} when it is a resource id — they
 * are what answers "who read Patient/X"), the User-Agent in its {@code ua} field. The demo's access log (HAPI's
 * {@code LoggingInterceptor} in the format of HAPI's JPA server starter, see {@code AccessLogPhiIT}) writes the same
 * two by the app's choice: the User-Agent in {@code UA[...]}, the path in its error line's URL and the id in
 * {@code Operation[...]}; nothing else of the request.
 */
@QuarkusIntegrationTest
@WithTestResource(ProcessStdout.class)
class PhiCanaryIT {

    private static final Set<String> NOWHERE = Set.of();
    private static final Set<String> AUDIT_PATH = Set.of("path", "resourceId", "resourceType");
    /** The demo's access log: HAPI's LoggingInterceptor, {@code DemoFhirServlet.accessLog()}. */
    private static final String ACCESS_LOG = "fhirtest.access";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** canary → the Request served fields where it may appear. */
    private final Map<String, Set<String>> canaries = new LinkedHashMap<>();
    private final List<String> requestIds = new ArrayList<>();

    private String canary(String value, Set<String> allowedIn) {
        canaries.put(value, allowedIn);
        return value;
    }

    @Test
    void syntheticPhiSentThroughEveryChannelAppearsOnlyWhereTheContractKeepsIt() throws Exception {
        String fhir = "/fhir/R4";
        String json = "application/fhir+json";
        String form = "application/x-www-form-urlencoded";

        // valid requests
        send("GET", fhir + "/Patient?name=" + canary("PhiGetNameQuery", NOWHERE) + "&_count=5", null, null, 200,
                Map.of("User-Agent", canary("PhiUserAgentHeader", Set.of("ua")),
                        "Referer", "https://portal.example/patients?mrn=" + canary("PhiRefererMrn", NOWHERE),
                        "X-Patient-Name", canary("PhiCustomHeader", NOWHERE)));
        send("POST", fhir + "/Patient/_search", "family=" + canary("PhiFormFamily", NOWHERE), form, 200, Map.of());
        String created = send("POST", fhir + "/Patient", patient("\"name\":[{\"family\":\""
                + canary("PhiCreatedFamily", NOWHERE) + "\"}]"), json, 201, Map.of());
        String id = created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        // 400: values the server could not parse, echoed in HAPI's exception messages
        send("GET", fhir + "/Patient?birthdate=" + canary("PhiQueryBirthdate", NOWHERE), null, null, 400,
                Map.of("User-Agent", "canary-test", "Referer", "https://portal.example/?q=" + canary("PhiRefererOnError",
                        NOWHERE), "X-Patient-Name", canary("PhiCustomHeaderOnError", NOWHERE)));
        send("GET", fhir + "/Patient?birthdate=gt" + canary("PhiQueryPrefixed", NOWHERE) + "&name=x", null, null, 400,
                Map.of());
        send("POST", fhir + "/Patient/_search", "birthdate=" + canary("PhiFormBirthdate", NOWHERE), form, 400, Map.of());
        send("POST", fhir + "/Patient/_search", "{\"name\":\"" + canary("PhiJsonSearchBody", NOWHERE) + "\"}", json,
                0, Map.of());
        send("POST", fhir + "/Patient", patient("\"birthDate\":\"" + canary("PhiCreateBirthDate", NOWHERE) + "\""),
                json, 400, Map.of());
        send("POST", fhir + "/Patient", "{\"resourceType\":\"" + canary("PhiBodyResourceType", NOWHERE) + "\"}", json,
                -1, Map.of());
        send("PUT", fhir + "/Patient/" + id, patient("\"id\":\"" + canary("PhiBodyIdMismatch", NOWHERE) + "\""), json,
                400, Map.of());
        send("PUT", fhir + "/Patient/" + id, patient("\"id\":\"" + id + "\",\"gender\":\""
                + canary("PhiUpdateGender", NOWHERE) + "\""), json, 400, Map.of());
        // 422: a JSON Patch whose test fails (the demo's provider puts the patch's message in the exception)
        send("PATCH", fhir + "/Patient/" + id, "[{\"op\":\"test\",\"path\":\"/name/0/family\",\"value\":\""
                + canary("PhiPatchTestValue", NOWHERE) + "\"}]", "application/json-patch+json", 422, Map.of());
        send("PATCH", fhir + "/Patient/" + id, "[{\"op\":\"add\",\"path\":\"/birthDate\",\"value\":\""
                + canary("PhiPatchBirthDate", NOWHERE) + "\"}]", "application/json-patch+json", 400, Map.of());
        // 500: the demo's $boom fails as an app bug would; the parser's message is a cause in the stack trace
        send("GET", fhir + "/$boom?birthdate=" + canary("PhiBoomOperationQuery", NOWHERE), null, null, 500, Map.of());
        send("POST", fhir + "/$boom", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"birthdate\","
                + "\"valueString\":\"" + canary("PhiBoomOperationBody", NOWHERE) + "\"}]}", json, 500, Map.of());

        // 404: ids and other path segments; kept on the audit line's path by design, nowhere else
        send("GET", fhir + "/Patient/" + canary("PhiPathResourceId", AUDIT_PATH), null, null, 404, Map.of());
        send("GET", fhir + "/Patient/" + canary("PhiPathHistoryId", AUDIT_PATH) + "/_history", null, null, 404, Map.of());
        send("GET", fhir + "/" + canary("PhiPathResourceType", AUDIT_PATH), null, null, -1, Map.of());
        send("GET", "/demo/" + canary("PhiPathRestSegment", AUDIT_PATH) + "?ssn=" + canary("PhiRestQuery404", NOWHERE),
                null, null, 404, Map.of());

        // 500 outside FHIR: Quarkus' error handler logs the request URI
        send("GET", "/demo/boom?ssn=" + canary("PhiBoomQuery", NOWHERE) + "&note=" + canary("PhiBoomNote", NOWHERE),
                null, null, 500, Map.of("Referer", "https://portal.example/x?y=" + canary("PhiBoomReferer", NOWHERE)));

        List<String> stdout = awaitAuditLines();
        List<String> everything = new ArrayList<>(stdout);
        everything.add(ProcessStdout.stderr());
        List<String> leaks = new ArrayList<>();
        for (String line : everything) {
            for (Map.Entry<String, Set<String>> canary : canaries.entrySet()) {
                if (containsIgnoringCase(line, canary.getKey()) && !onlyWhereKept(line, canary.getKey(),
                        canary.getValue())) {
                    leaks.add(canary.getKey() + " in: " + line.strip());
                }
            }
        }
        assertThat(leaks).as("synthetic PHI found in the process' output").isEmpty();
        // the canaries did reach the server and were logged where the contract keeps them
        assertThat(String.join("", stdout)).contains("\"ua\":\"PhiUserAgentHeader\"", "PhiPathResourceId");
        // the access log was there, its search values redacted
        assertThat(String.join("", stdout)).contains("UA[PhiUserAgentHeader] Params[?", "name=***",
                "\"logger\":\"" + ACCESS_LOG + "\"");
        // what is safe stays: the path, parameter names, HAPI's code and the HTTP status
        assertThat(String.join("", stdout)).contains("HTTP Request to /demo/boom?ssn=***&note=*** failed",
                "ResourceNotFoundException: HAPI-0971 (details redacted)",
                "InternalErrorException: (HTTP 500, details redacted)");
    }

    private static String patient(String fields) {
        return "{\"resourceType\":\"Patient\"," + fields + "}";
    }

    /** Sends one request; returns the body. {@code status} -1: any 4xx, 0: any. */
    private String send(String method, String path, String body, String contentType, int status,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        var response = http.send(request.build(), BodyHandlers.ofString());
        if (status == 0) {
            assertThat(response.statusCode()).as(method + " " + path).isPositive();
        } else if (status == -1) {
            assertThat(response.statusCode()).as(method + " " + path).isBetween(400, 499);
        } else {
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        }
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        assertThat(requestId).as("X-Request-Id of " + method + " " + path).isNotNull();
        requestIds.add(requestId);
        return response.body();
    }

    /** A line that carries the canary only in the allowed fields of a {@code Request served} line. */
    private static boolean onlyWhereKept(String line, String canary, Set<String> allowedIn) {
        if (allowedIn.isEmpty()) {
            return false;
        }
        JsonNode json;
        try {
            json = ConsoleLines.parse(line);
        } catch (AssertionError notJson) {
            return false;
        }
        if (ACCESS_LOG.equals(json.path("logger").asText())) {
            String msg = json.path("msg").asText();
            if (allowedIn.contains("ua")) {
                msg = msg.replace("UA[" + canary + "]", "UA[]");
            }
            if (allowedIn.contains("path")) {
                msg = msg.replaceAll("^ERROR - [A-Z]+ http://\\S+$", "ERROR").replaceAll("Operation\\[[^]]*]", "");
            }
            ObjectNode rest = ((ObjectNode) json).deepCopy();
            rest.put("msg", msg);
            return !containsIgnoringCase(rest.toString(), canary);
        }
        if (!"Request served".equals(json.path("msg").asText())) {
            return false;
        }
        ObjectNode rest = ((ObjectNode) json).deepCopy();
        rest.remove(allowedIn);
        return !containsIgnoringCase(rest.toString(), canary);
    }

    private static boolean containsIgnoringCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** stdout once every request's audit line is there (stdout reaches us through a pipe). */
    private List<String> awaitAuditLines() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> lines = ProcessStdout.stdoutLines();
        while (!allServed(lines) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            lines = ProcessStdout.stdoutLines();
        }
        assertThat(allServed(lines)).as("a Request served line for every request; got:\n" + String.join("", lines))
                .isTrue();
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }

    private boolean allServed(List<String> lines) {
        return requestIds.stream().allMatch(id -> lines.stream()
                .anyMatch(l -> l.contains("\"Request served\"") && l.contains(id)));
    }
}
