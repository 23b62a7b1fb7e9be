package io.medplumlogs.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;

/**
 * Request data that other loggers put into {@code msg}, {@code error} and {@code stack} (Quarkus' error handler,
 * HAPI FHIR's exception interceptor, wrapping exceptions) does not reach the JSON line, with HAPI's real exception
 * classes; and {@code fhir.exception-messages=true} brings HAPI's messages back.
 */
class MessageRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queryValuesInAUrlInsideTheMessageAreRedactedAsOnTheAuditLine() throws Exception {
        JsonNode line = format(record("HTTP Request to /demo/boom?ssn=123-45-6789&_count=5 failed, error id: e-1",
                null), false);

        assertThat(line.get("msg").asText())
                .isEqualTo("HTTP Request to /demo/boom?ssn=***&_count=5 failed, error id: e-1");
    }

    // Each test formats one message and compares it: the steps are alike, the messages and expectations are not.
    @Test
    void urlsInQuotesAbsoluteUrlsAndSeveralUrlsInOneMessage() throws Exception {
        String msg = "GET \"http://h:8080/fhir/R4/Patient?name=Simpson\" then '/x?birthdate=1956-05-12' and /y?a=b";
        String redacted = format(record(msg, null), false).get("msg").asText();

        assertThat(redacted).isEqualTo(
                "GET \"http://h:8080/fhir/R4/Patient?name=***\" then '/x?birthdate=***' and /y?a=***");
    }

    @Test
    void anApostropheInASearchValueDoesNotEndTheQuery() throws Exception {
        // ' is legal unencoded in a query (JavaScript's encodeURIComponent leaves it): the rest of the query is
        // still a search value
        String msg = "HTTP Request to /fhir/R4/Patient?name=O'Brien&birthdate=1956-05-12 failed, error id: e-1;"
                + " quoted '/fhir?name=O'Brien&birthdate=1956-05-13', done";

        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo(
                "HTTP Request to /fhir/R4/Patient?name=***&birthdate=*** failed, error id: e-1;"
                        + " quoted '/fhir?name=***&birthdate=***', done");
    }

    @Test
    void aUrlInAnApostropheThatIsNeverClosedIsRedactedToTheEndOfTheWord() throws Exception {
        // review: an opening apostrophe with no closing one must not end the query early
        String msg = "Cannot resolve '/fhir/Patient?birthdate=1956-05-12 and"
                + " '/fhir/Patient?name=O'Brien&birthdate=1956-05-13 and '?name=Simpson' and '/x?a=1'."
                + " ''?given=Homer'' (?family=Simpson) ('?mrn=123') target='?ssn=456'";

        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo("Cannot resolve"
                + " '/fhir/Patient?birthdate=*** and '/fhir/Patient?name=***&birthdate=*** and '?name=***' and"
                + " '/x?a=***'. ''?given=***'' (?family=***) ('?mrn=***') target='?ssn=***'");
    }

    @Test
    void aQueryWithoutAPathIsRedacted() throws Exception {
        // Quarkus' error handler for a request target without a path
        String msg = "HTTP Request to ?name=Simpson&_count=5 failed, error id: e-1";

        assertThat(format(record(msg, null), false).get("msg").asText())
                .isEqualTo("HTTP Request to ?name=***&_count=5 failed, error id: e-1");
    }

    @Test
    void hapisLoggingInterceptorParamsAreRedacted() throws Exception {
        // HAPI's LoggingInterceptor with the format of HAPI's docs and the JPA server starter writes
        // ${requestParameters} as "?" + name=value pairs joined by '&' (UrlUtil.escapeUrlParam), inside "Params[...]":
        // no '/' before the '?', and more than quotes or brackets before it. RequestDetails.getParameters() holds the
        // form body of a POST _search too, so these are the search values of every search.
        String msg = "Path[/fhir/R4] Source[] Operation[search-type  Patient] UA[HAPI-FHIR/8.6.1]"
                + " Params[?name=Simpson&birthdate=1956-05-12&_count=5&identifier=http%3A%2F%2Facme.org%2Fmrn%7C12345]"
                + " ResponseEncoding[JSON]";

        assertThat(format(record(msg, null), false).get("msg").asText())
                .isEqualTo("Path[/fhir/R4] Source[] Operation[search-type  Patient] UA[HAPI-FHIR/8.6.1]"
                        + " Params[?name=***&birthdate=***&_count=5&identifier=***] ResponseEncoding[JSON]");
        // the same with other words before the '?' of a query that stands alone: a label, a name:
        assertThat(format(record("query params:?family=Simpson and query{?given=Homer}", null), false)
                .get("msg").asText()).isEqualTo("query params:?family=*** and query{?given=***}");
    }

    @Test
    void hapisMessagesQuotedWithoutTheirClassAreReducedToTheirCodes() throws Exception {
        // HAPI's LoggingInterceptor with ${exceptionMessage} in its error format writes the exception's message
        // without its class, so the class name does not tell it is a FHIR exception's: HAPI's code before it does.
        // The messages are those HAPI 8.6.1 answers for GET Patient?birthdate=1956-13-45 and a POST of a bad body.
        String url = "ERROR - GET http://localhost:8080/fhir/R4/Patient ";
        assertThat(format(record(url + "HAPI-1940: Invalid date/time/quantity format: \"1956-13-45\"", null), false)
                .get("msg").asText()).isEqualTo(url + "HAPI-1940 (details redacted)");
        assertThat(format(record(url + "HAPI-0450: Failed to parse request body as JSON resource. Error was:"
                + " HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"Simpson\": Invalid date/time format:"
                + " \"Simpson\"\nsecond line Simpson", null), false).get("msg").asText())
                .isEqualTo(url + "HAPI-0450 HAPI-1821 (details redacted)");
        assertThat(format(record("HAPI-0375: Invalid _count value: Simpson", null), false).get("msg").asText())
                .isEqualTo("HAPI-0375 (details redacted)");
        // in an exception that is no FHIR exception too (a message quoting a HAPI message)
        assertThat(format(record("x", new IllegalStateException("lookup failed: HAPI-0971: Resource Patient/Homer"
                + " is not known")), false).get("error").asText())
                .isEqualTo("java.lang.IllegalStateException: lookup failed: HAPI-0971 (details redacted)");
        // a code without HAPI's ": " is no message of HAPI's; an already reduced one stays as it is
        assertThat(format(record("see HAPI-0971 and UA[HAPI-FHIR/8.6.1] Simpson", null), false).get("msg").asText())
                .isEqualTo("see HAPI-0971 and UA[HAPI-FHIR/8.6.1] Simpson");
        assertThat(format(record("x: HAPI-0450 HAPI-1821 (details redacted)", null), false).get("msg").asText())
                .isEqualTo("x: HAPI-0450 HAPI-1821 (details redacted)");
        // fhir.exception-messages=true keeps them, as it keeps the exceptions' messages
        assertThat(format(record(url + "HAPI-0375: Invalid _count value: Simpson", null), true).get("msg").asText())
                .isEqualTo(url + "HAPI-0375: Invalid _count value: Simpson");
    }

    @Test
    void aBundleEntrysRelativeUrlHasItsQueryRedacted() throws Exception {
        // a Bundle entry's request.url is relative, a type and its query (a conditional update or delete in a
        // transaction, a search in a batch), with no '/' before its '?': as an app or a message quotes the entry
        String msg = "transaction entry PUT Patient?identifier=http://acme.org/mrn%7C12345&_count=5 and then"
                + " GET Observation?subject:Patient.name=Simpson";

        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo(
                "transaction entry PUT Patient?identifier=***&_count=5 and then GET Observation?subject:Patient.name=***");
    }

    @Test
    void aRelativeUrlAfterAKeyIsRedactedToo() throws Exception {
        // the key=value style of most log statements and of toString() (records, Lombok, Kotlin data classes):
        // LOG.infof("entry url=%s", entry.getRequest().getUrl()) writes the Bundle entry's relative URL after "url="
        // (the ']' of a toString() whose '[' is in an earlier word goes with the query, as for any URL)
        String msg = "entry url=Patient?identifier=http://acme.org/mrn%7C12345&_count=5 done;"
                + " BundleEntry[method=PUT, url=Patient?identifier=12345] url:Observation?subject:Patient.name=Simpson"
                + " quoted url='Patient?name=Simpson'";

        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo(
                "entry url=Patient?identifier=***&_count=5 done; BundleEntry[method=PUT, url=Patient?identifier=***"
                        + " url:Observation?subject:Patient.name=*** quoted url='Patient?name=***'");
    }

    @Test
    void aWordOfManyBracketsBeforeItsQueryIsReadInLinearTime() {
        // a key, '=', then brackets the prefix reads twice over (after the key, and before the '?'): no backtracking
        String hostile = "k=" + "(".repeat(200_000) + "!?name=Simpson";
        MessageRedaction redaction = new MessageRedaction(new QueryRedactor(Set.of("_count")), false);

        String redacted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> redaction.text(hostile));
        assertThat(redacted).isEqualTo(hostile);
    }

    @Test
    void searchValuesOutsideAQueryAreWrittenAsTheDocsSay() throws Exception {
        // log-contract.adoc, The application's responsibility: what is not a query is written as it is
        assertThat(format(record("searching name=Simpson, params: name=Simpson", null), false).get("msg").asText())
                .isEqualTo("searching name=Simpson, params: name=Simpson");
    }

    @Test
    void userInfoInAUrlIsMasked() throws Exception {
        String msg = "HTTP Request to http://alice:s3cret-pw@localhost/boom failed; see https://bob@h:8443?x=1 and"
                + " mailto:carol@example.org";

        JsonNode line = format(record(msg, new IllegalStateException("to ftp://u:p@w@host/f")), false);

        assertThat(line.get("msg").asText()).isEqualTo("HTTP Request to http://***@localhost/boom failed; see"
                + " https://***@h:8443?x=*** and mailto:carol@example.org");
        assertThat(line.get("error").asText()).doesNotContain("u:p").contains("ftp://***@host/f");
        assertThat(line.get("stack").asText()).doesNotContain("u:p");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // passwords with '/', '#' or '?' unencoded (AWS secret keys, generated passwords): RFC 3986 ends the
            // authority there, and the password was written whole, or up to its '?'
            "connecting to postgres://app:wJalrXUtnFEMI/K7MDENG@db.internal:5432/fhir"
                    + "|connecting to postgres://***@db.internal:5432/fhir",
            "connecting to redis://app:Zq8#Secret@cache.internal:6379|connecting to redis://***@cache.internal:6379",
            "connecting to amqp://app:Zq8?Secret@mq.internal/vhost|connecting to amqp://***@mq.internal/vhost",
            "HTTP Request to http://alice:s3cr/etPW@localhost/boom?x=1 failed"
                    + "|HTTP Request to http://***@localhost/boom?x=*** failed",
            // a review: a password that starts with the '/' or '#' (an empty "port") was written whole
            "connecting to postgres://app:/K7MDENG@db.internal:5432/fhir|connecting to postgres://***@db.internal:5432/fhir",
            "connecting to redis://:#Zq8@cache:6379|connecting to redis://***@cache:6379",
            "two URLs in one word: a://x:y/z@h,b://u:v/w@k|two URLs in one word: a://***@k",
            // an '@' in the path of a URL with a real port is no user info
            "see https://h:8443/users/alice@example.org/x|see https://h:8443/users/alice@example.org/x",
            "see http://[::1]:80/a@b and http://h/a:b@c|see http://[::1]:80/a@b and http://h/a:b@c" })
    void aPasswordWithSlashHashOrQuestionMarkIsNeverWritten(String msg, String expected) throws Exception {
        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo(expected);
    }

    @Test
    void aValueHapisLenientParserRefusedIsNotWritten() throws Exception {
        // LenientErrorHandler.invalidValue with setErrorOnInvalidValue(false): a WARN quoting the value, twice
        String msg = "Patient.birthDate: Invalid attribute value \"1956-13-45\": Invalid date/time format:"
                + " \"1956-13-45\"";

        assertThat(format(record(msg, null), false).get("msg").asText())
                .isEqualTo("Patient.birthDate: Invalid attribute value (details redacted)");
        assertThat(format(record(msg, null), true).get("msg").asText()).isEqualTo(msg);
    }

    @Test
    void theNameQuarkusBasicMechanismLogsAtDebugIsNotWritten() throws Exception {
        // BasicAuthenticationMechanism: debugf("Found basic auth header %s:***** (decoded using charset %s)", ...)
        for (String typed : new String[] { "homer.simpson@example.com", "Tr0ub4dor&3 typed as name", "",
                "J\u00f6rg \"x\" \\ ?a=b" }) {
            String msg = "Found basic auth header " + typed + ":***** (decoded using charset UTF-8)";
            for (boolean fhirMessages : new boolean[] { false, true }) {
                assertThat(format(record(msg, null), fhirMessages).get("msg").asText())
                        .isEqualTo("Found basic auth header ***:***** (decoded using charset UTF-8)");
            }
        }
        assertThat(format(record("Found basic auth header cut-short", null), false).get("msg").asText())
                .isEqualTo("Found basic auth header ***");
    }

    @Test
    void aQuestionMarkThatIsNotAUrlQueryIsLeftAlone() throws Exception {
        String msg = "Is the cache warm? yes; what?now; ?; /path? ";

        assertThat(format(record(msg, null), false).get("msg").asText()).isEqualTo(msg);
    }

    @Test
    void aQuestionMarkBeforeTheUrlInTheSameWordDoesNotHideIt() throws Exception {
        // review of issue 9: the first '?' of a word was not a URL query, and the rest of the word was skipped
        String msg = "why?/fhir/R4/Patient?name=Simpson and {\"url\":\"/p?birthdate=1956-05-12\"} #/q?x=Homer#frag";
        String redacted = format(record(msg, null), false).get("msg").asText();

        assertThat(redacted).isEqualTo(
                "why?/fhir/R4/Patient?name=*** and {\"url\":\"/p?birthdate=***\"} #/q?x=***");
    }

    @Test
    void fhirServerExceptionsKeepTypeCodeAndStatusOnly() throws Exception {
        JsonNode line = format(record("FHIR read failed",
                new ResourceNotFoundException("HAPI-0971: Resource Patient/Homer.Simpson is not known")), false);

        assertThat(line.get("error").asText()).isEqualTo(
                "ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException: HAPI-0971 (HTTP 404, details redacted)");
        assertThat(line.get("stack").asText()).startsWith(line.get("error").asText() + "\n\tat ")
                .doesNotContain("Simpson");

        line = format(record("x", new UnprocessableEntityException("JSON Patch failed: value 'Simpson'")), false);
        assertThat(line.get("error").asText()).isEqualTo(
                "ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException: (HTTP 422, details redacted)");
    }

    @Test
    void causesInTheStackAreReducedToo() throws Exception {
        DataFormatException parser = new DataFormatException(
                "HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"Simpson-not-a-date\"");
        RuntimeException wrapper = new RuntimeException(parser); // message: the cause's toString()
        InternalErrorException hapi = new InternalErrorException("HAPI-0389: Failed to call access method", wrapper);

        JsonNode line = format(record("Failure during REST processing", hapi), false);

        String stack = line.get("stack").asText();
        assertThat(stack).doesNotContain("Simpson").contains(
                "ca.uhn.fhir.rest.server.exceptions.InternalErrorException: HAPI-0389 (HTTP 500, details redacted)\n",
                "Caused by: java.lang.RuntimeException: ca.uhn.fhir.parser.DataFormatException: HAPI-1821"
                        + " (details redacted)\n",
                "Caused by: ca.uhn.fhir.parser.DataFormatException: HAPI-1821 (details redacted)\n");
        assertThat(line.get("error").asText()).doesNotContain("Simpson");
    }

    /**
     * A body that is not even JSON: HAPI's parser chains the JSON library's exception, whose message quotes the text at
     * the error ({@code Unrecognized token 'Quimby'}), under its {@code DataFormatException}. An app that parses a
     * body itself and fails with 500 (as the demo's {@code $boom}) logs that chain: the cause is the parser's, not the
     * app's, and quotes the body as much as HAPI's own message does.
     */
    @Test
    void theParsersCauseQuotingABodyThatIsNotJsonIsReducedToo() throws Exception {
        DataFormatException parser = null;
        try {
            new ca.uhn.fhir.parser.json.jackson.JacksonStructure().load(new java.io.StringReader(
                    "{\"resourceType\":\"Patient\",\"name\":[{\"family\":Quimby}],\"birthDate\":\"1956-05-12\"}"));
        } catch (DataFormatException e) {
            parser = e;
        }
        assertThat(parser).isNotNull();
        assertThat(parser.getCause()).as("HAPI chains the JSON library's exception").isNotNull();
        InternalErrorException thrown = new InternalErrorException("could not convert a legacy record", parser);

        JsonNode line = format(record("Failure during REST processing", thrown), false);

        assertThat(line.toString()).doesNotContain("Quimby");
        assertThat(line.get("stack").asText()).contains("Caused by: ca.uhn.fhir.parser.DataFormatException: HAPI-1861"
                + " (details redacted)\n", "Caused by: com.fasterxml.jackson.core.JsonParseException: (details redacted)\n");
        // with the switch on, the parser's messages are written in full, the cause's too
        assertThat(format(record("Failure during REST processing", thrown), true).get("stack").asText())
                .contains("Quimby");
    }

    /**
     * The walk that finds what lies under a parser's exception stops after 4,096 exceptions (a chain of causes may have
     * no end); what it did not reach is reduced as if it were under one. Here the parser's chain lies below 5,000
     * wrappers and the line's bound (1 MiB) still has room for it: its cause quoting the body must not be written.
     */
    @Test
    void aParsersCauseBelowTheWalksBoundIsReducedToo() throws Exception {
        DataFormatException parser = null;
        try {
            new ca.uhn.fhir.parser.json.jackson.JacksonStructure().load(new java.io.StringReader(
                    "{\"resourceType\":\"Patient\",\"name\":[{\"family\":Quimby}]}"));
        } catch (DataFormatException e) {
            parser = e;
        }
        Throwable thrown = parser;
        for (int i = 0; i < 5000; i++) {
            thrown = new IllegalStateException("retry " + i, thrown);
            thrown.setStackTrace(new StackTraceElement[0]);
        }
        ExtLogRecord record = record("failed", thrown);
        MessageRedaction redaction = new MessageRedaction(new QueryRedactor(Set.of("_count")), false);

        JsonNode line = JSON.readTree(new JsonLineFormatter(JsonLineLayout.contract(1 << 20), redaction).format(record));

        assertThat(line.has("truncated")).as("the whole chain is on the line").isFalse();
        assertThat(line.get("stack").asText()).doesNotContain("Quimby")
                .contains("Caused by: com.fasterxml.jackson.core.JsonParseException: (details redacted)\n");
    }

    /** Suppressed exceptions (try-with-resources closing a FHIR client, say) quote request values just as causes do. */
    @Test
    void suppressedExceptionsInTheStackAreReducedToo() throws Exception {
        IllegalStateException thrown = new IllegalStateException("batch failed");
        thrown.addSuppressed(new ResourceNotFoundException("HAPI-0971: Resource Patient/Homer.Simpson is not known"));
        thrown.addSuppressed(new java.io.IOException("GET /fhir/Patient?identifier=123-45-6789 reset"));
        thrown.addSuppressed(new ClientStyleFailure("HAPI-1361: Failed to parse response from server when"
                + " performing GET to URL http://fhir/Patient?name=Simpson"));

        JsonNode line = format(record("failed", thrown), false);

        String stack = line.get("stack").asText();
        assertThat(stack).doesNotContain("Simpson", "123-45-6789").contains(
                "\tSuppressed: ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException: HAPI-0971"
                        + " (HTTP 404, details redacted)\n",
                "\tSuppressed: java.io.IOException: GET /fhir/Patient?identifier=*** reset\n",
                "ClientStyleFailure: HAPI-1361 (HTTP 0, details redacted)\n");
    }

    /** HAPI's client exceptions carry the server's answer, hence request values: their package is recognised. */
    @Test
    void clientExceptionsAreRecognisedByTheirPackage() {
        assertThat(MessageRedaction.isFhirExceptionName(
                "ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException")).isTrue();
        assertThat(MessageRedaction.isFhirExceptionName(
                "ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException")).isTrue();
    }

    @Test
    void hapisInterceptorQuotingTheExceptionInItsMessage() throws Exception {
        // ExceptionHandlingInterceptor: "Failure during REST processing: " + exception.toString(), no throwable
        InvalidRequestException e = new InvalidRequestException("HAPI-0450: Failed to parse request body as JSON"
                + " resource. Error was: HAPI-1821: [element=\"birthDate\"] Invalid attribute value \"Simpson\"");
        JsonNode line = format(record("Failure during REST processing: " + e, null), false);

        assertThat(line.get("msg").asText()).isEqualTo("Failure during REST processing: "
                + "ca.uhn.fhir.rest.server.exceptions.InvalidRequestException: HAPI-0450 HAPI-1821 (details redacted)");
    }

    @Test
    void otherExceptionsKeepTheirMessageApartFromUrlQueries() throws Exception {
        JsonNode line = format(record("failed", new IllegalStateException("GET /api/x?ssn=123 timed out",
                new IOException("connection reset"))), false);

        assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: GET /api/x?ssn=*** timed out");
        assertThat(line.get("stack").asText()).contains("Caused by: java.io.IOException: connection reset\n");
    }

    @Test
    void theSwitchBringsFhirMessagesBackButNotUrlQueries() throws Exception {
        JsonNode line = format(record("HTTP Request to /fhir/R4/Patient?name=Simpson failed",
                new ResourceNotFoundException("HAPI-0971: Resource Patient/Homer.Simpson is not known")), true);

        assertThat(line.get("error").asText()).endsWith("HAPI-0971: Resource Patient/Homer.Simpson is not known");
        assertThat(line.get("stack").asText()).contains("Resource Patient/Homer.Simpson is not known");
        assertThat(line.get("msg").asText()).isEqualTo("HTTP Request to /fhir/R4/Patient?name=*** failed");
    }

    @Test
    void recognisedByClassNameOnly() throws Exception {
        assertThat(MessageRedaction.isFhirExceptionName("ca.uhn.fhir.rest.server.exceptions.MyServerException"))
                .isTrue();
        assertThat(MessageRedaction.isFhirExceptionName("ca.uhn.fhir.parser.DataFormatException")).isTrue();
        assertThat(MessageRedaction.isFhirExceptionName("ca.uhn.fhir.rest.server.exceptions.sub.Other")).isFalse();
        assertThat(MessageRedaction.isFhirExceptionName("ca.uhn.fhir.context.ConfigurationException")).isFalse();
        // a subclass outside HAPI's packages is still a FHIR server exception
        JsonNode line = format(record("x", new AppNotFound()), false);
        assertThat(line.get("error").asText()).endsWith("AppNotFound: HAPI-0971 (HTTP 404, details redacted)");
    }

    /** Stands in for HAPI's client exceptions, which extend the server family (they are not on this classpath). */
    private static final class ClientStyleFailure extends ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException {
        ClientStyleFailure(String message) {
            super(0, message);
        }
    }

    private static final class AppNotFound extends ResourceNotFoundException {
        AppNotFound() {
            super("HAPI-0971: Resource Patient/Homer.Simpson is not known");
        }
    }

    private static JsonNode format(ExtLogRecord record, boolean fhirExceptionMessages) throws Exception {
        MessageRedaction redaction = new MessageRedaction(new QueryRedactor(Set.of("_count")), fhirExceptionMessages);
        return JSON.readTree(new JsonLineFormatter(JsonLineLayout.contract(16384), redaction).format(record));
    }

    private static ExtLogRecord record(String msg, Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(Level.ERROR, msg, ExtLogRecord.FormatStyle.NO_FORMAT, "test");
        record.setLoggerName("io.example.Test");
        record.setMdc(Map.of());
        record.setThrown(thrown);
        return record;
    }
}
