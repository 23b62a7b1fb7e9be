package io.medplumlogs.runtime.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request shapes of the FHIR R4 RESTful API (http://hl7.org/fhir/R4/http.html, operations:
 * http://hl7.org/fhir/R4/operations.html). Two bases are configured: /fhir/R4 and /api/fhir.
 */
class FhirInteractionClassifierTest {

    private final FhirInteractionClassifier classifier = new FhirInteractionClassifier(
            List.of("/fhir/R4/", "/api/fhir"));

    @ParameterizedTest(name = "{0}: {1} {2}?{3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # section                          | method | path                                              | query                         | INE   | interaction      | type        | id   | vid | operation       | compartment  | cond
            3.1.0.2 read                       | GET    | /fhir/R4/Patient/123                               | -                             | false | read             | Patient     | 123  | -   | -               | -            | false
            3.1.0.2 read (HEAD)                | HEAD   | /fhir/R4/Patient/123                               | -                             | false | read             | Patient     | 123  | -   | -               | -            | false
            3.1.0.2 read + _format             | GET    | /fhir/R4/Patient/123                               | _format=json                  | false | read             | Patient     | 123  | -   | -               | -            | false
            3.1.0.2 read + _pretty, _summary   | GET    | /fhir/R4/Patient/a-b.c                             | _pretty=true&_summary=true    | false | read             | Patient     | a-b.c| -   | -               | -            | false
            3.1.0.2 read, second base          | GET    | /api/fhir/Observation/o1                          | -                             | false | read             | Observation | o1   | -   | -               | -            | false
            3.1.0.3 vread                      | GET    | /fhir/R4/Patient/123/_history/2                    | -                             | false | vread            | Patient     | 123  | 2   | -               | -            | false
            3.1.0.3 vread + _format            | GET    | /fhir/R4/Patient/123/_history/2                    | _format=xml                   | false | vread            | Patient     | 123  | 2   | -               | -            | false
            3.1.0.4 update                     | PUT    | /fhir/R4/Patient/123                               | -                             | false | update           | Patient     | 123  | -   | -               | -            | false
            3.1.0.4.3 conditional update       | PUT    | /fhir/R4/Patient                                   | identifier=abc                | false | update           | Patient     | -    | -   | -               | -            | true
            3.1.0.4.3 _format only (HAPI)      | PUT    | /fhir/R4/Patient                                   | _format=json                  | false | update           | Patient     | -    | -   | -               | -            | true
            3.1.0.6 _pretty only (HAPI)        | PATCH  | /fhir/R4/Patient                                   | _pretty=true                  | false | patch            | Patient     | -    | -   | -               | -            | true
            3.1.0.7.1 _format only (HAPI)      | DELETE | /fhir/R4/Observation                               | _format=json                  | false | delete           | Observation | -    | -   | -               | -            | true
            3.1.0.7.1 blank query is none      | DELETE | /fhir/R4/Observation                               | ''                            | false | delete           | Observation | -    | -   | -               | -            | false
            3.1.0.6 patch                      | PATCH  | /fhir/R4/Patient/123                               | -                             | false | patch            | Patient     | 123  | -   | -               | -            | false
            3.1.0.6 conditional patch          | PATCH  | /fhir/R4/Patient                                   | identifier=abc&_pretty=true   | false | patch            | Patient     | -    | -   | -               | -            | true
            3.1.0.7 delete                     | DELETE | /fhir/R4/Patient/123                               | -                             | false | delete           | Patient     | 123  | -   | -               | -            | false
            3.1.0.7.1 conditional delete       | DELETE | /fhir/R4/Observation                               | subject=Patient/1             | false | delete           | Observation | -    | -   | -               | -            | true
            3.1.0.7.1 delete without criteria  | DELETE | /fhir/R4/Observation                               | -                             | false | delete           | Observation | -    | -   | -               | -            | false
            3.1.0.8 create                     | POST   | /fhir/R4/Patient                                   | -                             | false | create           | Patient     | -    | -   | -               | -            | false
            3.1.0.8 create + _format           | POST   | /fhir/R4/Patient                                   | _format=json                  | false | create           | Patient     | -    | -   | -               | -            | false
            3.1.0.8.1 conditional create       | POST   | /fhir/R4/Patient                                   | -                             | true  | create           | Patient     | -    | -   | -               | -            | true
            3.1.0.9 search type                | GET    | /fhir/R4/Patient                                   | name=Simpson&_count=10        | false | search-type      | Patient     | -    | -   | -               | -            | false
            3.1.0.9 search type, no params     | GET    | /fhir/R4/Patient                                   | -                             | false | search-type      | Patient     | -    | -   | -               | -            | false
            3.1.0.9 search type via POST       | POST   | /fhir/R4/Patient/_search                           | -                             | false | search-type      | Patient     | -    | -   | -               | -            | false
            3.1.0.9 search system              | GET    | /fhir/R4                                           | _type=Patient&name=x          | false | search-system    | -           | -    | -   | -               | -            | false
            served as: GET on _search (HAPI)   | GET    | /fhir/R4/Patient/_search                           | name=Simpson                  | false | search-type      | Patient     | -    | -   | -               | -            | false
            refused: HEAD on _search (HAPI)    | HEAD   | /fhir/R4/Patient/_search                           | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: HEAD search (HAPI)        | HEAD   | /fhir/R4/Patient                                   | name=Simpson                  | false | unknown          | -           | -    | -   | -               | -            | false
            served: HEAD history (HAPI)        | HEAD   | /fhir/R4/Patient/123/_history                      | -                             | false | history-instance | Patient     | 123  | -   | -               | -            | false
            3.1.0.3 vread (HEAD)               | HEAD   | /fhir/R4/Patient/123/_history/2                    | -                             | false | vread            | Patient     | 123  | 2   | -               | -            | false
            3.1.0.10 capabilities (HEAD)       | HEAD   | /fhir/R4/metadata                                  | -                             | false | capabilities     | -           | -    | -   | -               | -            | false
            served as: GET on system _search   | GET    | /fhir/R4/_search                                   | _type=Patient&name=x          | false | search-system    | -           | -    | -   | -               | -            | false
            served as: GET compartment _search | GET    | /fhir/R4/Encounter/e1/Observation/_search          | code=1234                     | false | search-type      | Observation | -    | -   | -               | Encounter/e1 | false
            junk: PUT on _search               | PUT    | /fhir/R4/Patient/_search                           | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            3.1.0.9 search system, slash       | GET    | /fhir/R4/                                          | _lastUpdated=gt2020           | false | search-system    | -           | -    | -   | -               | -            | false
            3.1.0.9 search system via POST     | POST   | /fhir/R4/_search                                   | -                             | false | search-system    | -           | -    | -   | -               | -            | false
            page of a search (HAPI get-page)   | GET    | /fhir/R4                                           | _getpages=9f1c&_getpagesoffset=20&_count=20&_bundletype=searchset | false | search | - | - | - | - | - | false
            page of a search, slash            | GET    | /fhir/R4/                                          | _getpages=9f1c                | false | search           | -           | -    | -   | -               | -            | false
            page, encoded name (HAPI decodes)  | GET    | /fhir/R4                                           | %5Fgetpages=9f1c              | false | search           | -           | -    | -   | -               | -            | false
            blank page id: HAPI's system search | GET   | /fhir/R4                                           | _getpages=&_count=20          | false | search-system    | -           | -    | -   | -               | -            | false
            page id HAPI reads first is blank  | GET    | /fhir/R4                                           | _getpages=+&_getpages=9f1c    | false | search-system    | -           | -    | -   | -               | -            | false
            _getpages on a type is its search  | GET    | /fhir/R4/Patient                                   | _getpages=9f1c                | false | search-type      | Patient     | -    | -   | -               | -            | false
            HEAD on a page                     | HEAD   | /fhir/R4                                           | _getpages=9f1c                | false | unknown          | -           | -    | -   | -               | -            | false
            3.1.0.9 GET [base]?_format only    | GET    | /fhir/R4                                           | _format=json                  | false | unknown          | -           | -    | -   | -               | -            | false
            encoded _format on the base        | GET    | /fhir/R4                                           | _form%61t=json                | false | unknown          | -           | -    | -   | -               | -            | false
            encoded _format only (HAPI)        | PUT    | /fhir/R4/Patient                                   | %5Fformat=json&%5fpretty=true | false | update           | Patient     | -    | -   | -               | -            | true
            bad escape in a name is criterion  | PUT    | /fhir/R4/Patient                                   | %zz=1                         | false | update           | Patient     | -    | -   | -               | -            | true
            3.1.0.9 GET [base] bare            | GET    | /fhir/R4                                           | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            3.1.0.9 search — compartment       | GET    | /fhir/R4/Patient/123/Observation                   | code=1234                     | false | search-type      | Observation | -    | -   | -               | Patient/123  | false
            3.1.0.9 search — compartment *     | GET    | /fhir/R4/Patient/123/*                             | -                             | false | search-type      | -           | -    | -   | -               | Patient/123  | false
            3.1.0.9 search — compartment POST  | POST   | /fhir/R4/Encounter/e1/Observation/_search          | -                             | false | search-type      | Observation | -    | -   | -               | Encounter/e1 | false
            3.1.0.9 not a compartment type     | GET    | /fhir/R4/Observation/1/Patient                     | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            3.1.0.10 capabilities              | GET    | /fhir/R4/metadata                                  | -                             | false | capabilities     | -           | -    | -   | -               | -            | false
            3.1.0.10 capabilities + _format    | GET    | /api/fhir/metadata                                 | _format=json&mode=full        | false | capabilities     | -           | -    | -   | -               | -            | false
            3.1.0.11 batch/transaction no hint | POST   | /fhir/R4                                           | -                             | false | batch            | -           | -    | -   | -               | -            | false
            3.1.0.11 batch/transaction slash   | POST   | /fhir/R4/                                          | -                             | false | batch            | -           | -    | -   | -               | -            | false
            3.1.0.12 history instance          | GET    | /fhir/R4/Patient/123/_history                      | _count=5                      | false | history-instance | Patient     | 123  | -   | -               | -            | false
            3.1.0.12 history type              | GET    | /fhir/R4/Patient/_history                          | -                             | false | history-type     | Patient     | -    | -   | -               | -            | false
            3.1.0.12 history system            | GET    | /fhir/R4/_history                                  | _since=2020-01-01             | false | history-system   | -           | -    | -   | -               | -            | false
            3.2.0.1 operation system GET       | GET    | /fhir/R4/$meta                                     | -                             | false | operation        | -           | -    | -   | $meta           | -            | false
            3.2.0.1 operation system POST      | POST   | /fhir/R4/$process-message                          | -                             | false | operation        | -           | -    | -   | $process-message| -            | false
            3.2.0.1 operation type             | POST   | /fhir/R4/ValueSet/$expand                          | -                             | false | operation        | ValueSet    | -    | -   | $expand         | -            | false
            3.2.0.1 operation type GET         | GET    | /fhir/R4/Patient/$match                            | _format=json                  | false | operation        | Patient     | -    | -   | $match          | -            | false
            3.2.0.1 operation instance         | GET    | /fhir/R4/Patient/123/$everything                   | -                             | false | operation        | Patient     | 123  | -   | $everything     | -            | false
            3.2.0.1 operation instance POST    | POST   | /api/fhir/Patient/123/$everything                  | -                             | false | operation        | Patient     | 123  | -   | $everything     | -            | false
            3.2.0.1 operation on a version     | POST   | /fhir/R4/Patient/123/_history/4/$meta-add          | -                             | false | operation        | Patient     | 123  | 4   | $meta-add       | -            | false
            refused: create with an id (HAPI)  | POST   | /fhir/R4/Patient/123                               | -                             | false | create           | Patient     | 123  | -   | -               | -            | false
            refused: create with an id, INE    | POST   | /fhir/R4/Patient/123                               | -                             | true  | create           | Patient     | 123  | -   | -               | -            | true
            refused: create, segment after id  | POST   | /fhir/R4/Patient/123/Encounter                     | -                             | false | create           | Patient     | 123  | -   | -               | -            | false
            no binding: POST, _x after the id  | POST   | /fhir/R4/Patient/123/_x                            | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no binding: PUT on an operation    | PUT    | /fhir/R4/Patient/123/$everything                   | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no binding: HEAD on an operation   | HEAD   | /fhir/R4/Patient/123/$everything                   | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: DELETE, instance op (HAPI) | DELETE | /fhir/R4/Patient/123/$everything                  | -                             | false | operation        | Patient     | 123  | -   | $everything     | -            | false
            refused: DELETE, type op (HAPI)    | DELETE | /fhir/R4/Patient/$match                            | -                             | false | operation        | Patient     | -    | -   | $match          | -            | false
            refused: DELETE, system op (HAPI)  | DELETE | /fhir/R4/$meta                                     | -                             | false | operation        | -           | -    | -   | $meta           | -            | false
            refused: DELETE, op on a version   | DELETE | /fhir/R4/Patient/123/_history/4/$meta-add          | -                             | false | operation        | Patient     | 123  | 4   | $meta-add       | -            | false
            junk: unknown method               | TRACE  | /fhir/R4/Patient/123                               | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: lowercase method             | get    | /fhir/R4/Patient/123                               | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: lowercase type               | GET    | /fhir/R4/patient/123                               | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: too deep                     | GET    | /fhir/R4/Patient/1/_history/2/x/y                  | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: dot-dot segment              | GET    | /fhir/R4/Patient/../admin                          | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: dot-dot as id                | GET    | /fhir/R4/Patient/..                                | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: percent-encoded slash        | GET    | /fhir/R4/Patient%2F123                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR id: encoded newline (HAPI) | GET    | /fhir/R4/Patient/1%0A                              | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: CR LF, quote (HAPI)    | GET    | /fhir/R4/Patient/%0D%0A%22x                        | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            blank to HAPI: line separator      | GET    | /fhir/R4/Patient/%E2%80%A8                         | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: encoded non-ASCII      | GET    | /fhir/R4/Patient/M%C3%BCller                       | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: not UTF-8 (HAPI: U+FFFD) | GET    | /fhir/R4/Patient/%FF                               | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            junk: malformed escape             | GET    | /fhir/R4/Patient/%zz                               | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: malformed after decoding     | GET    | /fhir/R4/Patient/%25zz                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR id: encoded slash          | DELETE | /fhir/R4/Patient/1%2F2                             | -                             | false | delete           | Patient     | -    | -   | -               | -            | false
            no FHIR id: encoded space          | PUT    | /fhir/R4/Patient/a%20b                             | -                             | false | update           | Patient     | -    | -   | -               | -            | false
            no FHIR id: twice-encoded dot-dot  | GET    | /fhir/R4/Patient/%252E%252E                        | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: three times encoded    | GET    | /fhir/R4/Patient/%252531                           | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            served as: encoded id              | GET    | /fhir/R4/Patient/%31                               | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: encoded id, two digits  | GET    | /fhir/R4/Patient/%31%32                            | -                             | false | read             | Patient     | 12   | -   | -               | -            | false
            served as: encoded type            | GET    | /fhir/R4/%50atient/1                               | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: empty segment           | GET    | /fhir/R4//Patient/1                                | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: leading double slash    | GET    | //fhir/R4/Patient/1                                | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: dot segments            | GET    | /fhir/R4/./Patient/x/../1                          | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: encoded dot segments    | GET    | /admin/%2E%2E/fhir/R4/Patient/1                    | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: twice-encoded id (HAPI) | GET    | /fhir/R4/Patient/%2531                             | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: encoded $ (reserved)    | GET    | /fhir/R4/Patient/1/%24everything                   | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            served as: encoded _history        | GET    | /fhir/R4/Patient/1/%5Fhistory/%32                  | -                             | false | vread            | Patient     | 1    | 2   | -               | -            | false
            served as: encoded lowercase hex   | PUT    | /fhir/R4/Patient/a%2db                             | -                             | false | update           | Patient     | a-b  | -   | -               | -            | false
            no FHIR id: raw non-ASCII          | GET    | /fhir/R4/Patient/Müller                            | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: 65 characters          | GET    | /fhir/R4/Patient/12345678901234567890123456789012345678901234567890123456789012345 | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: matrix parameter       | GET    | /fhir/R4/Patient/1;jsessionid=x                    | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: HEAD read              | HEAD   | /fhir/R4/Patient/a%20b                             | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: patch                  | PATCH  | /fhir/R4/Patient/1;x=y                             | -                             | false | patch            | Patient     | -    | -   | -               | -            | false
            no FHIR id: refused create         | POST   | /fhir/R4/Patient/%FF                               | -                             | false | create           | Patient     | -    | -   | -               | -            | false
            no FHIR id: create, INE            | POST   | /fhir/R4/Patient/a%20b                             | -                             | true  | create           | Patient     | -    | -   | -               | -            | true
            no FHIR id: vread, no versionId    | GET    | /fhir/R4/Patient/a%20b/_history/2                  | -                             | false | vread            | Patient     | -    | -   | -               | -            | false
            no FHIR id: delete on a version    | DELETE | /fhir/R4/Patient/1%0A/_history/2                   | -                             | false | delete           | Patient     | -    | -   | -               | -            | false
            no FHIR vid: vread of the id       | GET    | /fhir/R4/Patient/1/_history/2%0A                   | -                             | false | vread            | Patient     | 1    | -   | -               | -            | false
            no FHIR vid: update of the id      | PUT    | /fhir/R4/Patient/1/_history/M%C3%BCller            | -                             | false | update           | Patient     | 1    | -   | -               | -            | false
            blank vid: HAPI reads the id       | GET    | /fhir/R4/Patient/1/_history/%20                    | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            blank vid: delete of the id        | DELETE | /fhir/R4/Patient/1/_history/%E2%80%A8              | -                             | false | delete           | Patient     | 1    | -   | -               | -            | false
            blank vid: operation of the id     | GET    | /fhir/R4/Patient/1/_history/%09/$everything        | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            blank id, a version: HAPI 500      | GET    | /fhir/R4/Patient/%20/_history/2                    | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            blank id: read (HAPI)              | GET    | /fhir/R4/Patient/%20                               | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            blank id: update HAPI refuses      | PUT    | /fhir/R4/Patient/%0B                               | -                             | false | update           | Patient     | -    | -   | -               | -            | false
            blank id: plus is a space to HAPI  | GET    | /fhir/R4/Patient/1/_history/+                      | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            no FHIR id: instance operation     | GET    | /fhir/R4/Patient/a%20b/$everything                 | -                             | false | operation        | Patient     | -    | -   | $everything     | -            | false
            no FHIR id: DELETE on an operation | DELETE | /fhir/R4/Patient/1;x=y/$everything                 | -                             | false | operation        | Patient     | -    | -   | $everything     | -            | false
            no FHIR id: operation on a version | POST   | /fhir/R4/Patient/%FF/_history/2/$meta              | -                             | false | operation        | Patient     | -    | -   | $meta           | -            | false
            no FHIR vid: operation, no versionId | POST   | /fhir/R4/Patient/1/_history/a%20b/$meta            | -                             | false | operation        | Patient     | 1    | -   | $meta           | -            | false
            no FHIR id: history (any method)   | DELETE | /fhir/R4/Patient/M%C3%BCller/_history              | -                             | false | history-instance | Patient     | -    | -   | -               | -            | false
            no FHIR id: delete, segment after it | DELETE | /fhir/R4/Patient/a%20b/Encounter                   | -                             | false | delete           | Patient     | -    | -   | -               | -            | false
            no FHIR id: compartment (no binding) | GET    | /fhir/R4/Patient/a%20b/Observation                 | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR id: compartment _search    | POST   | /fhir/R4/Patient/a%20b/Observation/_search         | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR id: PUT on an operation    | PUT    | /fhir/R4/Patient/a%20b/$everything                 | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR id: OPTIONS (no binding)   | OPTIONS | /fhir/R4/Patient/a%20b                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            HAPI cannot decode: %25zz          | GET    | /fhir/R4/Patient/%25zz                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            HAPI cannot decode: a%25b          | DELETE | /fhir/R4/Patient/a%25b                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            served as: control char (HAPI)     | GET    | /fhir/R4/Patient/1%01                              | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: leading tab (HAPI)      | GET    | /fhir/R4/Patient/%091                              | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: control inside (HAPI)   | GET    | /fhir/R4/Patient/1%1F2                             | -                             | false | read             | Patient     | 12   | -   | -               | -            | false
            served as: trailing NUL (HAPI)     | HEAD   | /fhir/R4/Patient/1%00                              | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: delete, VT (HAPI)       | DELETE | /fhir/R4/Patient/1%0B                              | -                             | false | delete           | Patient     | 1    | -   | -               | -            | false
            served as: update, FS (HAPI)       | PUT    | /fhir/R4/Patient/1%1C                              | -                             | false | update           | Patient     | 1    | -   | -               | -            | false
            served as: patch, FF (HAPI)        | PATCH  | /fhir/R4/Patient/1%0C                              | -                             | false | patch            | Patient     | 1    | -   | -               | -            | false
            served as: vread, both (HAPI)      | GET    | /fhir/R4/Patient/1%01/_history/%022                | -                             | false | vread            | Patient     | 1    | 2   | -               | -            | false
            served as: delete a version (HAPI) | DELETE | /fhir/R4/Patient/1%00/_history/2                   | -                             | false | delete           | Patient     | 1    | 2   | -               | -            | false
            served as: history (HAPI)          | DELETE | /fhir/R4/Patient/1%09/_history                     | -                             | false | history-instance | Patient     | 1    | -   | -               | -            | false
            served as: instance op (HAPI)      | GET    | /fhir/R4/Patient/1%09/$everything                  | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            served as: op on a version (HAPI)  | POST   | /fhir/R4/Patient/1%01/_history/2%01/$meta          | -                             | false | operation        | Patient     | 1    | 2   | $meta           | -            | false
            served as: compartment (HAPI)      | GET    | /fhir/R4/Patient/1%01/Observation                  | -                             | false | search-type      | Observation | -    | -   | -               | Patient/1    | false
            served as: type, control (HAPI)    | GET    | /fhir/R4/Pat%01ient/1                              | -                             | false | read             | Patient     | 1    | -   | -               | -            | false
            served as: _history, control       | GET    | /fhir/R4/Patient/1/_hist%01ory/2                   | -                             | false | vread            | Patient     | 1    | 2   | -               | -            | false
            served as: operation, control      | GET    | /fhir/R4/Patient/1/%24every%01thing                | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            no FHIR id: DEL is kept (HAPI)     | GET    | /fhir/R4/Patient/1%7F                              | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: control after drop     | GET    | /fhir/R4/Patient/1%2501                            | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: trailing space         | GET    | /fhir/R4/Patient/1%20                              | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: plus, a space          | DELETE | /fhir/R4/Patient/1+                                | -                             | false | delete           | Patient     | -    | -   | -               | -            | false
            no FHIR id: NBSP                   | GET    | /fhir/R4/Patient/1%C2%A0                           | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: zero-width space       | GET    | /fhir/R4/Patient/1%E2%80%8B                        | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no FHIR id: line end, control      | GET    | /fhir/R4/Patient/1%0A%01                           | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            refused: type encoded twice (HAPI) | GET    | /fhir/R4/%2550atient/1                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: op encoded twice (HAPI)   | GET    | /fhir/R4/Patient/1/%2524everything                 | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: _history twice (HAPI)     | GET    | /fhir/R4/Patient/1/_%2568istory/2                  | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            served as: vid encoded twice       | GET    | /fhir/R4/Patient/1/_history/%2532                  | -                             | false | vread            | Patient     | 1    | 2   | -               | -            | false
            HAPI cannot decode the version     | GET    | /fhir/R4/Patient/1/_history/a%25b                  | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            a blank type to HAPI               | GET    | /fhir/R4/%01/1                                     | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            blank id: only a control (HAPI)    | GET    | /fhir/R4/Patient/%01                               | -                             | false | read             | Patient     | -    | -   | -               | -            | false
            no type: junk in the type          | GET    | /fhir/R4/M%C3%BCller/1                             | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            junk: operation with bad name      | POST   | /fhir/R4/Patient/$                                 | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            no FHIR vid: vread, no versionId   | GET    | /fhir/R4/Patient/1/_history/a b                    | -                             | false | vread            | Patient     | 1    | -   | -               | -            | false
            served: update on a version (HAPI) | PUT    | /fhir/R4/Patient/1/_history/2                      | -                             | false | update           | Patient     | 1    | 2   | -               | -            | false
            served: patch on a version (HAPI)  | PATCH  | /fhir/R4/Patient/1/_history/2                      | -                             | false | patch            | Patient     | 1    | 2   | -               | -            | false
            served: delete on a version (HAPI) | DELETE | /fhir/R4/Patient/1/_history/2                      | -                             | false | delete           | Patient     | 1    | 2   | -               | -            | false
            refused: create on a version (HAPI) | POST  | /fhir/R4/Patient/1/_history/2                      | -                             | false | create           | Patient     | 1    | 2   | -               | -            | false
            served: OPTIONS on the base (HAPI) | OPTIONS | /fhir/R4                                         | name=Simpson                  | false | capabilities     | -           | -    | -   | -               | -            | false
            refused: OPTIONS on metadata (HAPI) | OPTIONS | /fhir/R4/metadata                               | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            served: update, a segment after the id | PUT | /fhir/R4/Patient/1/Encounter                    | -                             | false | update           | Patient     | 1    | -   | -               | -            | false
            served: patch, a segment after the id | PATCH | /fhir/R4/Patient/1/x                             | -                             | false | patch            | Patient     | 1    | -   | -               | -            | false
            served: delete, a segment after the id | DELETE | /fhir/R4/Observation/1/Encounter               | -                             | false | delete           | Observation | 1    | -   | -               | -            | false
            refused: read, a segment after the id | GET | /fhir/R4/Observation/1/foo                         | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: update, metadata after the id | PUT | /fhir/R4/Patient/1/metadata                       | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            served: POST for a page (HAPI)     | POST   | /fhir/R4                                           | _getpages=9f1c                | false | search           | -           | -    | -   | -               | -            | false
            batch: POST, a blank _getpages     | POST   | /fhir/R4                                           | _getpages=                    | false | batch            | -           | -    | -   | -               | -            | false
            served: a segment after an operation | GET | /fhir/R4/Patient/1/$everything/x                | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            served: two after a type operation | POST   | /fhir/R4/Patient/$ping/x/_y                        | -                             | false | operation        | Patient     | -    | -   | $ping           | -            | false
            served: metadata, three after it   | GET    | /fhir/R4/metadata/x/y/z                            | -                             | false | capabilities     | -           | -    | -   | -               | -            | false
            refused: two after an instance op  | GET    | /fhir/R4/Patient/1/$everything/x/y                 | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: an operation after a type op | GET | /fhir/R4/Patient/$ping/$x                         | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: DELETE, operation + segment | DELETE | /fhir/R4/Patient/1/$everything/x              | -                             | false | operation        | Patient     | 1    | -   | $everything     | -            | false
            served: DELETE on history (HAPI)   | DELETE | /fhir/R4/Patient/1/_history                        | -                             | false | history-instance | Patient     | 1    | -   | -               | -            | false
            served: PUT on type history        | PUT    | /fhir/R4/Patient/_history                          | -                             | false | history-type     | Patient     | -    | -   | -               | -            | false
            served: OPTIONS on system history  | OPTIONS | /fhir/R4/_history                                 | -                             | false | history-system   | -           | -    | -   | -               | -            | false
            served: CONNECT on system history  | CONNECT | /fhir/R4/_history                                 | -                             | false | history-system   | -           | -    | -   | -               | -            | false
            served: history, trailing segments | GET    | /fhir/R4/_history/x/y/z                            | -                             | false | history-system   | -           | -    | -   | -               | -            | false
            served: type history, a compartment | GET   | /fhir/R4/Patient/_history/x/y                      | -                             | false | history-type     | Patient     | -    | -   | -               | -            | false
            refused: method HAPI has no name for | FOO  | /fhir/R4/_history                                  | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            refused: history, five segments    | GET    | /fhir/R4/_history/a/b/c/d                          | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            another operation: _history/$x     | GET    | /fhir/R4/Patient/_history/$x                       | -                             | false | unknown          | -           | -    | -   | -               | -            | false
            """)
    void classifiesRequestShapes(String section, String method, String path, String query, boolean ifNoneExist,
            String interaction, String type, String id, String vid, String operation, String compartment,
            boolean conditional) {
        Optional<FhirInteraction> result = classifier.classify(method, path, query, ifNoneExist);

        assertThat(result).as(section).contains(
                new FhirInteraction(interaction, type, id, vid, operation, compartment, conditional));
    }

    /** A target aimed at a FHIR base that no router serves as FHIR: its query is redacted even with non-FHIR ones not. */
    @Test
    void aTargetWithPathParametersOrAnEncodedSlashIsStillAimedAtFhir() {
        assertThat(classifier.classify("GET", "/fhir/R4;x=1/Patient", "name=x", false)).isEmpty();
        for (String path : List.of("/fhir/R4;x=1/Patient", "/fhir;x/R4/Patient", "/fhir/R4%2FPatient",
                "/fhir%2fR4", "/fhir/R4/Patient;x", "/fhir/R4", "/api/../fhir/R4/Patient")) {
            assertThat(classifier.aimedAtFhir(path)).as(path).isTrue();
        }
        for (String path : List.of("/api/users", "/fhirx/R4", "/api;x/users", "/api%2Fusers", "/fhir/R5;x/Patient", "/")) {
            assertThat(classifier.aimedAtFhir(path)).as(path).isFalse();
        }
        assertThat(classifier.aimedAtFhir(null)).isFalse();
    }

    @Test
    void bundleTypeHintDecidesBetweenBatchAndTransaction() {
        assertThat(classifier.classify("POST", "/fhir/R4", null, false, Optional.of("transaction")))
                .map(FhirInteraction::interaction).contains("transaction");
        assertThat(classifier.classify("POST", "/fhir/R4", null, false, Optional.of("batch")))
                .map(FhirInteraction::interaction).contains("batch");
        assertThat(classifier.classify("POST", "/fhir/R4", null, false, Optional.of("document")))
                .map(FhirInteraction::interaction).contains("batch");
        // The hint only matters for POST [base].
        assertThat(classifier.classify("POST", "/fhir/R4/Patient", null, false, Optional.of("transaction")))
                .map(FhirInteraction::interaction).contains("create");
    }

    /** HAPI FHIR reads a form's parameters as the query's: a form POST on the base is a page of a search, no Bundle. */
    @Test
    void aFormPostOnTheBaseIsNoBatch() {
        assertThat(classifier.classify("POST", "/fhir/R4", null, false, true, Optional.empty()))
                .map(FhirInteraction::interaction).contains("search");
        assertThat(classifier.classify("POST", "/fhir/R4/Patient/_search", null, false, true, Optional.empty()))
                .map(FhirInteraction::interaction).contains("search-type");
        assertThat(classifier.classify("POST", "/fhir/R4/Patient", null, false, true, Optional.empty()))
                .map(FhirInteraction::interaction).contains("create");
    }

    @Test
    void encodedLineBreaksInASegmentNeverBecomeAnIdOrType() {
        // review of issue 9: %0A, %0D and U+2028 (%E2%80%A8) decode to line ends; such a segment is no FHIR id or type
        for (String segment : new String[] { "a%0Ab", "a%0d%0ab", "a%E2%80%A8b", "a%C2%85b", "%0A" }) {
            for (String path : new String[] { "/fhir/R4/Patient/" + segment, "/fhir/R4/" + segment + "/1",
                    "/fhir/R4/Patient/1/_history/" + segment }) {
                classifier.classify("GET", path, null, false).ifPresent(fhir -> {
                    for (String value : new String[] { fhir.resourceType(), fhir.resourceId(), fhir.versionId(),
                            fhir.operation(), fhir.compartment() }) {
                        assertThat(value == null ? "" : value).as(path).doesNotContain("\n", "\r", "\u2028",
                                "\u0085", "%");
                    }
                });
            }
        }
    }

    /**
     * HAPI FHIR dispatches a request whose id (or version) is no FHIR id to the binding of its shape, so the line names
     * that interaction and type; the id itself, whatever it decodes to, is never written (only values matching the
     * [id] pattern are).
     */
    @Test
    void anIdThatIsNoFhirIdIsNeverWritten() {
        String[] junk = { "1;x=y", "a%20b", "M%C3%BCller", "M\u00fcller", "1%0A", "1%2F2", "%FF", "%0D%0A%22x",
                "%E2%80%A8", "%20", "%2525", "a%2522b", "x".repeat(65), "%C2%85", "a'b", "%3Cb%3E" };
        String[] shapes = { "/fhir/R4/Patient/J", "/fhir/R4/Patient/J/_history/2", "/fhir/R4/Patient/1/_history/J",
                "/fhir/R4/Patient/J/$everything", "/fhir/R4/Patient/J/_history", "/fhir/R4/Patient/J/Encounter",
                "/fhir/R4/Patient/J/_history/2/$meta", "/fhir/R4/Patient/1/_history/J/$meta" };
        for (String j : junk) {
            for (String shape : shapes) {
                for (String method : List.of("GET", "HEAD", "PUT", "PATCH", "DELETE", "POST", "OPTIONS")) {
                    String path = shape.replace("J", j);
                    FhirInteraction fhir = classifier.classify(method, path, null, false).orElseThrow();
                    String what = method + " " + path + " -> " + fhir;
                    if (fhir.resourceId() != null) {
                        assertThat(fhir.resourceId()).as(what).isEqualTo("1");
                    }
                    if (fhir.versionId() != null) {
                        assertThat(fhir.versionId()).as(what).isEqualTo("2");
                    }
                    assertThat(fhir.compartment()).as(what).isNull();
                    if (fhir.isKnown()) {
                        assertThat(fhir.resourceType()).as(what).isEqualTo("Patient");
                    }
                }
            }
        }
    }

    /**
     * HAPI FHIR's path reader drops every control character but the line ends from a segment (UrlUtil.sanitizeUrlPart)
     * before it builds the id: {@code Patient/1%01} is its read of Patient/1, and the line must name Patient/1, or
     * "who read Patient/1" misses it. DEL (0x7F) it keeps, so that is no id.
     */
    @Test
    void theIdIsTheOneHapiServesWithoutTheControlCharactersItDrops() {
        for (int c = 0; c <= 0x7F; c = c == 0x1F ? 0x7F : c + 1) {
            String escape = String.format("%%%02X", c);
            boolean dropped = c != '\n' && c != '\r' && c != 0x7F;
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                for (String path : List.of("/fhir/R4/Patient/1" + escape, "/fhir/R4/Patient/" + escape + "1",
                        "/fhir/R4/Patient/1" + escape + "/_history/2" + escape)) {
                    FhirInteraction fhir = classifier.classify(method, path, null, false).orElseThrow();
                    assertThat(fhir.resourceId()).as(method + " " + path + " -> " + fhir).isEqualTo(dropped ? "1" : null);
                    if (path.contains("_history")) {
                        assertThat(fhir.versionId()).as(method + " " + path + " -> " + fhir)
                                .isEqualTo(dropped ? "2" : null);
                    }
                }
            }
        }
    }

    @Test
    void pathsOutsideEveryBaseAreNotClassified() {
        assertThat(classifier.classify("GET", "/fhir/R4x/Patient/1", null, false)).isEmpty();
        assertThat(classifier.classify("GET", "/admin/Patient/1", null, false)).isEmpty();
        assertThat(classifier.classify("GET", "/FHIR/R4/Patient/1", null, false)).isEmpty();
        assertThat(classifier.classify("GET", "/fhir", null, false)).isEmpty();
        assertThat(classifier.classify("GET", null, null, false)).isEmpty();
        // what the router serves is outside the base, whatever the raw path starts with
        assertThat(classifier.classify("GET", "/fhir/R4/../admin/Patient/1", null, false)).isEmpty();
        assertThat(classifier.classify("GET", "/fhir/R4/%2E%2E/x/Patient/1", null, false)).isEmpty();
    }

    @Test
    void defaultBaseIsFhirR4() {
        FhirInteractionClassifier defaults = new FhirInteractionClassifier();

        assertThat(defaults.basePaths()).containsExactly("/fhir/R4");
        assertThat(defaults.classify("GET", "/fhir/R4/Patient/1", null, false)).map(FhirInteraction::interaction)
                .contains("read");
        assertThat(defaults.classify("GET", "/api/fhir/Patient/1", null, false)).isEmpty();
    }

    // Assertion tables (method, URL, interaction) look alike; each test lists the cases of its own URL level.
    @Test
    void longestBaseWinsWhenBasesNest() {
        FhirInteractionClassifier nested = new FhirInteractionClassifier(List.of("/fhir", "/fhir/R4"));

        // Under /fhir this would be a compartment-less "R4/Patient" junk path; under /fhir/R4 it is a read.
        assertThat(nested.classify("GET", "/fhir/R4/Patient/1", null, false)).map(FhirInteraction::interaction)
                .contains("read");
        assertThat(nested.classify("GET", "/fhir/Patient/1", null, false)).map(FhirInteraction::interaction)
                .contains("read");
    }

    @Test
    void rootBaseCoversEveryPath() {
        FhirInteractionClassifier root = new FhirInteractionClassifier(List.of("/"));

        assertThat(root.basePaths()).containsExactly("");
        assertThat(root.classify("GET", "/Patient/1", null, false)).map(FhirInteraction::interaction)
                .contains("read");
        assertThat(root.classify("GET", "/metadata", null, false)).map(FhirInteraction::interaction)
                .contains("capabilities");
    }

    @Test
    void invalidBasesAreRejectedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FhirInteractionClassifier(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new FhirInteractionClassifier(List.of("fhir/R4")))
                .withMessageContaining("fhir/R4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FhirInteractionClassifier(List.of("/fhir/../R4")))
                .withMessageContaining("/fhir/../R4");
        assertThatIllegalArgumentException().isThrownBy(() -> new FhirInteractionClassifier(List.of("/fhir?x=1")));
    }

    @Test
    void hugeInputIsUnknownNotAnError() {
        String longPath = "/fhir/R4/" + "Patient/".repeat(100_000);
        String longQuery = "a=b&".repeat(100_000);

        assertThat(classifier.classify("GET", longPath, null, false)).contains(FhirInteraction.unknown());
        assertThat(classifier.classify("GET", "/fhir/R4/Patient", longQuery, false))
                .contains(FhirInteraction.unknown());
        assertThat(classifier.classify(null, "/fhir/R4/Patient", null, false)).contains(FhirInteraction.unknown());
    }

    @Test
    void randomInputNeverThrowsAndOnlyEmitsSafeValues() {
        Random random = new Random(42);
        String alphabet = "/PpatienAZaz019$_-.*%?&=;:\u00fc\r\n\" \u2028[]%%%2250CDEF";
        List<String> codes = List.of("read", "vread", "update", "patch", "delete", "history-instance",
                "history-type", "history-system", "create", "search", "search-type", "search-system", "capabilities",
                "batch", "transaction", "operation", "unknown");
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder path = new StringBuilder(random.nextBoolean() ? "/fhir/R4" : "/api/fhir");
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String method = methods.get(random.nextInt(methods.size()));
            Optional<FhirInteraction> result = classifier.classify(method, path.toString(),
                    random.nextBoolean() ? null : path.toString(), random.nextBoolean());
            result.ifPresent(r -> {
                assertThat(codes).contains(r.interaction());
                for (String value : new String[] { r.resourceType(), r.resourceId(), r.versionId(), r.operation(),
                        r.compartment() }) {
                    if (value != null) {
                        assertThat(value).as("value from %s", path).matches("[A-Za-z0-9$_.*/\\-]{1,130}");
                    }
                }
            });
        }
    }
}
