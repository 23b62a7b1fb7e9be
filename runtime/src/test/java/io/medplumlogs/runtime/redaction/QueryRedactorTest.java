package io.medplumlogs.runtime.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryRedactorTest {

    private final QueryRedactor redactor = new QueryRedactor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", emptyValue = "", textBlock = """
            name=Simpson&_count=10                          | name=***&_count=10
            family=Simpson&given=Homer&birthdate=1956-05-12 | family=***&given=***&birthdate=***
            name:exact=Simpson                              | name:exact=***
            subject.name=Homer                              | subject.name=***
            subject:Patient.name=Homer                      | subject:Patient.name=***
            _has:Observation:patient:code=1234-5            | _has:Observation:patient:code=***
            identifier=http://acme.org/mrn%7C12345          | identifier=***
            _include=Observation:patient&_revinclude=Provenance:target | _include=Observation:patient&_revinclude=Provenance:target
            _include:iterate=Patient:general-practitioner   | _include:iterate=Patient:general-practitioner
            _sort=-date,status&_total=accurate              | _sort=-date,status&_total=accurate
            _elements=id,name&_summary=true                 | _elements=id,name&_summary=true
            _format=application/fhir+json                   | _format=application/fhir+json
            _format=application%2Ffhir%2Bjson               | _format=application%2Ffhir%2Bjson
            _getpages=4c8a-11&_getpagesoffset=20&_bundletype=searchset | _getpages=4c8a-11&_getpagesoffset=20&_bundletype=searchset
            name=a&name=b&_count=1&_count=2                 | name=***&name=***&_count=1&_count=2
            a=&b                                            | a=&***
            a&&b=1&                                         | ***&b=***
            %5Fcount=10                                     | _count=10
            _count.x=10                                     | _count.***=***
            _id=123                                         | _id=***
            """)
    void redactsValuesOfSearchParameters(String query, String expected) {
        assertThat(redactor.redactQuery(query)).isEqualTo(expected);
    }

    @Test
    void nothingButAllowedNamesAndMasksGetsThroughStrayTokens() {
        // issue 9, item 5: bare tokens (a value containing an unencoded '&'), names that are no search parameter
        // and a modifier on an allowed parameter carried the text through
        String redacted = redactor.redactQuery("birthdate=X&Simpson&123-45-6789&name=Homer&Jay&_count:Simpson=5");

        assertThat(redacted).isEqualTo("birthdate=***&***&***&name=***&***&_count:***=***");
        assertThat(redacted).doesNotContain("Simpson").doesNotContain("123-45-6789").doesNotContain("Jay")
                .doesNotContain("Homer");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Simpson                  | ***
            _count                   | _count
            _pretty&Homer            | _pretty&***
            123-45-6789=1            | ***=***
            -name=1                  | ***=***
            name:=1                  | ***=***
            name::exact=1            | ***=***
            subject.=1               | ***=***
            _count:Simpson=5         | _count:***=***
            _count.Simpson=5         | _count.***=***
            _sort:Homer=date         | _sort:***=***
            _include:iterate=Patient:link | _include:iterate=Patient:link
            _revinclude:iterate=Provenance:target | _revinclude:iterate=Provenance:target
            """)
    void strayTokensAndMalformedNamesAreMasked(String query, String expected) {
        assertThat(redactor.redactQuery(query)).isEqualTo(expected);
    }

    // Assertion tables (query, redacted) look alike across these tests; each lists the cases of its own rule.
    @Test
    void emptyOrMissingQueryIsEmpty() {
        assertThat(redactor.redactQuery(null)).isEmpty();
        assertThat(redactor.redactQuery("")).isEmpty();
        assertThat(redactor.redactQuery("&&")).isEmpty();
    }

    @Test
    void unsafeParameterNamesAreMaskedToo() {
        assertThat(redactor.redactQuery("John%20Smith=1")).isEqualTo("***=***");
        assertThat(redactor.redactQuery("Homer+Simpson")).isEqualTo("***");
        assertThat(redactor.redactQuery("a\"b=1&c'd=")).isEqualTo("***=***&***=");
        assertThat(redactor.redactQuery("x".repeat(65) + "=1")).isEqualTo("***=***");
        assertThat(redactor.redactQuery("M%C3%BCller=1")).isEqualTo("***=***");
    }

    @Test
    void lineBreaksAndQuotesNeverSurviveEvenInAllowedParameters() {
        assertThat(redactor.redactQuery("_count=10%0d%0a{\"level\":\"ERROR\"}")).isEqualTo("_count=***");
        assertThat(redactor.redactQuery("_count=1\r\nfake=line")).isEqualTo("_count=***");
        assertThat(redactor.redactQuery("_sort=%22date%22")).isEqualTo("_sort=***");
        assertThat(redactor.redactQuery("_sort=\"date\"")).isEqualTo("_sort=***");
        assertThat(redactor.redactQuery("_sort=a\\b")).isEqualTo("_sort=***");
        assertThat(redactor.redactQuery("x%0d%0a=1")).isEqualTo("***=***");
        assertThat(redactor.redactQuery("name=a\r\nb")).isEqualTo("name=***");
    }

    @Test
    void malformedPercentEncodingDoesNotThrow() {
        assertThat(redactor.redactQuery("_count=%")).isEqualTo("_count=***");
        assertThat(redactor.redactQuery("_count=%zz")).isEqualTo("_count=***");
        assertThat(redactor.redactQuery("%=1&%4=2&%C3=3")).isEqualTo("***=***&***=***&***=***");
        assertThat(redactor.redactQuery("_sort=%C3%28")).isEqualTo("_sort=***");
        assertThat(redactor.redactPath("/x%?a=%")).isEqualTo("/x%?a=***");
    }

    @Test
    void allowListIsConfigurable() {
        QueryRedactor custom = new QueryRedactor(Set.of("status", "_count"));

        assertThat(custom.redactQuery("status=active&_sort=date&name=x&status:not=done&status:text=Homer"))
                .isEqualTo("status=active&_sort=***&name=***&status:not=done&status:text=***");
        assertThat(custom.allowedParameters()).containsExactlyInAnyOrder("status", "_count");
        assertThatIllegalArgumentException().isThrownBy(() -> new QueryRedactor(Set.of("bad name")))
                .withMessageContaining("bad name");
    }

    // (Same (input, expected) table shape as the query tests above and TraceIdsTest: its own cases.)
    @Test
    void hugeQueriesAreCappedAtAParameterBoundary() {
        String query = "_count=1&" + "name=Simpson&".repeat(100_000);

        String redacted = redactor.redactQuery(query);

        assertThat(redacted).hasSizeLessThanOrEqualTo(QueryRedactor.MAX_LENGTH + 4)
                .startsWith("_count=1&name=***&").endsWith("&...").doesNotContain("Simpson");
        assertThat(redactor.redactQuery("_count=" + "1".repeat(300))).isEqualTo("_count=***");
    }

    @Test
    void redactPathKeepsThePathAndRedactsTheQuery() {
        assertThat(redactor.redactPath("/fhir/R4/Patient/123/_history/2")).isEqualTo("/fhir/R4/Patient/123/_history/2");
        assertThat(redactor.redactPath("/fhir/R4/Patient?name=Simpson&_count=10"))
                .isEqualTo("/fhir/R4/Patient?name=***&_count=10");
        assertThat(redactor.redactPath("/api/users?email=homer@example.com")).isEqualTo("/api/users?email=***");
        assertThat(redactor.redactPath("/a?")).isEqualTo("/a?");
        assertThat(redactor.redactPath(null)).isNull();
    }

    @Test
    void redactPathMakesThePathPrintable() {
        assertThat(redactor.redactPath("/a\r\nb")).isEqualTo("/a%0D%0Ab");
        assertThat(redactor.redactPath("/a \"b\"")).isEqualTo("/a%20%22b%22");
        // as the HTTP layer hands a target on, one char per byte: UTF-8 "ü" is two chars and stays its two bytes
        assertThat(redactor.redactPath("/M\u00c3\u00bcller")).isEqualTo("/M%C3%BCller");
        assertThat(redactor.redactPath("/M\u00fcller")).isEqualTo("/M%FCller");
        assertThat(redactor.redactPath("/" + "a".repeat(100_000))).hasSize(QueryRedactor.MAX_LENGTH + 3)
                .endsWith("...");
    }

    @Test
    void randomInputNeverThrowsAndNeverLeaksMarkedValues() {
        Random random = new Random(7);
        String alphabet = "ab_:.=&%+0f\r\n\"'\\\u00fc\u2028 ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder query = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            query.append("&name=SECRET");

            String redacted = redactor.redactPath("/p?" + query);

            assertThat(redacted).doesNotContain("SECRET").doesNotContain("\r").doesNotContain("\n")
                    .doesNotContain("\"").doesNotContain("'").doesNotContain("\\").doesNotContain("\u2028");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            _count:iterate=Simpson             | _count:iterate=***
            _sort:iterate=Homer                | _sort:iterate=***
            _count:missing=Simpson             | _count:missing=***
            _include:iterate=Patient:link      | _include:iterate=Patient:link
            _revinclude:iterate=Provenance:target | _revinclude:iterate=Provenance:target
            _count:missing=true                | _count:missing=true
            _sort:missing=FALSE                | _sort:missing=FALSE
            """)
    void aModifierKeepsTheValueOnlyWhereFhirDefinesIt(String query, String expected) {
        // review of issue 9: ':iterate' is defined for _include/_revinclude only and ':missing' takes true/false;
        // elsewhere a modifier must not turn a free-text value into a kept one
        assertThat(redactor.redactQuery(query)).isEqualTo(expected);
    }

    /** The allow-list trusts the parameter, not the client: a value without its parameter's shape is not kept. */
    @Test
    void anAllowedParametersValueIsKeptOnlyInItsShape() {
        assertThat(redactor.redactQuery("_count=Simpson&_offset=123-45-6789&_summary=Homer&_total=Jay&_pretty=x"))
                .isEqualTo("_count=***&_offset=***&_summary=***&_total=***&_pretty=***");
        assertThat(redactor.redactQuery("_sort=Simpson&_elements=Homer,Jay&_include=Simpson&_format=Marge"))
                .isEqualTo("_sort=***&_elements=***&_include=***&_format=***");
        assertThat(redactor.redactQuery("_count:not=Simpson&_include:iterate=Homer"))
                .isEqualTo("_count:not=***&_include:iterate=***");
        // names FHIR defines hold no digits: a birth date, an SSN or an MRN written as a name is not one
        assertThat(redactor.redactQuery("_sort=birthdate-1956-05-12&_elements=ssn-123-45-6789"
                + "&_include=Patient:mrn-4711&_revinclude=Provenance:t1&_format=application/x-1956&_sort=-a1"))
                .isEqualTo("_sort=***&_elements=***&_include=***&_revinclude=***&_format=***&_sort=***");
        // a media type with a parameter has no _format shape (';' and '='), digits or none: log-contract.adoc says so
        assertThat(redactor.redactQuery("_format=application/fhir%2Bjson;fhirVersion=4.0&_format=text/xml;charset=x"))
                .isEqualTo("_format=***&_format=***");
        // the shapes FHIR clients send are kept as sent
        assertThat(redactor.redactQuery("_count=50&_offset=100&_summary=count&_total=accurate&_pretty=true"
                + "&_sort=-_lastUpdated,status&_elements=Patient.name,id&_include=Observation:subject:Patient"
                + "&_revinclude=*&_format=application/fhir+json&_page=7f3a-9c&_contained=both"))
                .isEqualTo("_count=50&_offset=100&_summary=count&_total=accurate&_pretty=true"
                        + "&_sort=-_lastUpdated,status&_elements=Patient.name,id&_include=Observation:subject:Patient"
                        + "&_revinclude=*&_format=application/fhir+json&_page=7f3a-9c&_contained=both");
        // a parameter the user allows is not shape-checked (its shape is the user's to know)
        assertThat(new QueryRedactor(Set.of("status")).redactQuery("status=Active")).isEqualTo("status=Active");
    }

    /**
     * log-contract.adoc: the default parameters have fixed shapes "so a client cannot pass free text through them";
     * {@code _format} is a media type FHIR names and {@code _bundletype} a code. A made-up media type or code of
     * letters is free text: {@code _format=application/Homer+Simpson} is "application/Homer Simpson".
     */
    @Test
    void aFormatOrBundleTypeIsKeptOnlyAsOneFhirNames() {
        assertThat(redactor.redactQuery("_format=application/Homer+Simpson&_format=text/homer.simpson"
                + "&_format=application/fhir+Simpson&_format=application%2Fsimpson&_bundletype=homer-simpson"))
                .isEqualTo("_format=***&_format=***&_format=***&_format=***&_bundletype=***");
        String fhir = "_format=json&_format=XML&_format=ttl&_format=html&_format=ndjson&_format=application/fhir+json"
                + "&_format=application%2Ffhir%2Bxml&_format=application/json+fhir&_format=application/json"
                + "&_format=text/xml&_format=text/turtle&_format=application/x-turtle&_format=application/fhir+turtle"
                + "&_format=text/html&_format=application/fhir+ndjson&_format=application/x-ndjson"
                + "&_bundletype=searchset&_bundletype=batch-response&_bundletype=transaction-response";
        assertThat(redactor.redactQuery(fhir)).isEqualTo(fhir);
    }

    /**
     * What log-contract.adoc says still passes, a word in a shape's place, and no more: a capitalised word is no
     * {@code _sort} name, a word with a digit no {@code _include} type, ten digits no {@code _count}.
     */
    @Test
    void aWordInAShapesPlacePassesAsTheDocsSayAndNoMore() {
        String passes = "_sort=smith&_elements=homer&_include=Patient:homer&_include=Simpson:homer"
                + "&_revinclude=Patient:link:Simpson&_elements=Simpson.homer&_page=HomerSimpson&_getpages=Homer-Simpson"
                + "&_count=123456789&_offset=123456789&_getpagesoffset=123456789";
        assertThat(redactor.redactQuery(passes)).isEqualTo(passes);
        assertThat(redactor.redactQuery("_sort=Smith&_sort=smith%20homer&_elements=Simpson&_include=Simpson1:homer"
                + "&_include=Patient:Homer&_include=patient:homer&_page=Homer+Simpson&_count=1234567890&_offset=-1"))
                .isEqualTo("_sort=***&_sort=***&_elements=***&_include=***&_include=***&_include=***&_page=***"
                        + "&_count=***&_offset=***");
    }

    /**
     * Separators a query is not split on here: ';' (an old HTML form's), "&amp;" (a query copied from an HTML page),
     * an encoded '&' or '=' inside a value, '+', and a '#' sent raw. Each leaves a value with text in it, masked, or a
     * name that is not well-formed, masked too; an allowed parameter's value loses its shape.
     */
    @Test
    void otherSeparatorsNeverTurnAValueIntoAKeptOne() {
        assertThat(redactor.redactQuery("name=Simpson;birthdate=1956-05-12&_count=10;name=Simpson&_sort=date;Simpson"
                + "&_format=json;Simpson")).isEqualTo("name=***&_count=***&_sort=***&_format=***");
        assertThat(redactor.redactQuery("name=Simpson&amp;birthdate=1956-05-12&_count=10&amp;_sort=Smith"))
                .isEqualTo("name=***&***=***&_count=10&***=***");
        assertThat(redactor.redactQuery("name=Homer%26Jay&name%3DSimpson=1&_count%3D10=1&_sort=date%26name%3DSimpson"
                + "&_count=1%26name%3DSimpson")).isEqualTo("name=***&***=***&***=***&_sort=***&_count=***");
        assertThat(redactor.redactQuery("name=Homer+Simpson&given+name=1&_sort=date+Simpson&_elements=id+Simpson"))
                .isEqualTo("name=***&***=***&_sort=***&_elements=***");
        assertThat(redactor.redactQuery("_count=10#Simpson&name=x#Simpson&#Simpson&_sort=date#Simpson"))
                .isEqualTo("_count=***&name=***&***&_sort=***");
        assertThat(redactor.redactPath("/fhir/R4/Patient#?name=Simpson")).isEqualTo("/fhir/R4/Patient#?name=***");
    }

    @Test
    void aPrintablePathIsKeptAsItIsAndAnyOtherIsEncodedOrCut() {
        // the rule for every request's path: raw only what is printable, not a space, quote, backslash, angle
        // bracket or backtick; cut beyond MAX_LENGTH
        String path = "/fhir/R4/Patient/example/_history/2";
        assertThat(QueryRedactor.printablePath(path)).isEqualTo(path);
        Random random = new Random(5);
        String alphabet = "/aZ9-._~%:@!$&'()*+,;= \"\\<>`\u0000\u001f\u007f\u0085\u00e9\u2028\ud83d\ude00";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(8) == 0 ? QueryRedactor.MAX_LENGTH - 2 + random.nextInt(5) : random.nextInt(40);
            for (int i = 0; i < length; i++) {
                raw.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'p');
            }
            String logged = QueryRedactor.printablePath(raw.toString());
            assertThat(logged).as("%s", raw).matches("[\\x21-\\x7e&&[^\"'\\\\<>`]]*(\\.\\.\\.)?");
            // the cut is checked before each char: the last one may add its whole escape (12 for an emoji's 4 bytes)
            assertThat(logged.length()).isLessThanOrEqualTo(QueryRedactor.MAX_LENGTH - 1 + 12 + 3);
            if (raw.length() <= QueryRedactor.MAX_LENGTH && raw.chars().allMatch(c -> c > 0x20 && c < 0x7f
                    && "\"'\\<>`".indexOf(c) < 0)) {
                assertThat(logged).isEqualTo(raw.toString());
            }
        }
    }
}
