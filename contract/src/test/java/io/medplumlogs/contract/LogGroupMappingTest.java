package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogGroupMappingTest {

    @Test
    void parsesServiceSourceAndTagsPerGroup() {
        LogGroupMapping mapping = LogGroupMapping.parse(
                "/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core ; /aws/lambda/*=source:lambda;");

        LogGroupMapping.Attributes api = mapping.forLogGroup("/ecs/api").orElseThrow();
        assertThat(api.service()).contains("fhir-api");
        assertThat(api.source()).contains("java");
        assertThat(api.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "team", "core"));
        LogGroupMapping.Attributes lambda = mapping.forLogGroup("/aws/lambda/echo").orElseThrow();
        assertThat(lambda.service()).isEmpty();
        assertThat(lambda.source()).contains("lambda");
        assertThat(lambda.tags()).isEmpty();
        assertThat(mapping.rules()).hasSize(2);
    }

    @Test
    void exactBeatsPrefixAndLongestPrefixWins() {
        LogGroupMapping mapping = LogGroupMapping.parse(
                "/ecs/*=service:ecs;/ecs/api*=service:api-any;/ecs/api=service:api-exact");

        assertThat(mapping.forLogGroup("/ecs/api").flatMap(LogGroupMapping.Attributes::service)).contains("api-exact");
        assertThat(mapping.forLogGroup("/ecs/api-v2").flatMap(LogGroupMapping.Attributes::service))
                .contains("api-any");
        assertThat(mapping.forLogGroup("/ecs/worker").flatMap(LogGroupMapping.Attributes::service)).contains("ecs");
        assertThat(mapping.forLogGroup("/aws/lambda/x")).isEmpty();
        assertThat(mapping.forLogGroup("/ecs")).isEmpty();
    }

    @Test
    void starAloneMatchesEveryGroupAndTagValuesMayHoldColons() {
        LogGroupMapping mapping = LogGroupMapping.parse("*=tags:owner:https://team.example/core");

        assertThat(mapping.forLogGroup("/anything").orElseThrow().tags()).containsEntry("owner",
                "https://team.example/core");
    }

    @Test
    void blankIsNoMapping() {
        assertThat(LogGroupMapping.parse(null).isEmpty()).isTrue();
        assertThat(LogGroupMapping.parse("  ").isEmpty()).isTrue();
        assertThat(LogGroupMapping.parse(" ; ").isEmpty()).isTrue();
        assertThat(LogGroupMapping.parse("").forLogGroup("/ecs/api")).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/ecs/api                                  | entry 1 '/ecs/api': expected <log group>=<key>:<value>,… (no '=')",
        "=service:x                                | entry 1 '=service:x': the log group before '=' is empty",
        "/ecs/a pi=service:x                       | entry 1 '/ecs/a pi=service:x': '/ecs/a pi' is not a log group name",
        "/ecs/*x=service:x                         | entry 1 '/ecs/*x=service:x': '/ecs/*x' is not a log group name",
        "/ecs/api=                                 | entry 1 '/ecs/api=': no attributes after '=' (expected service, source, tags)",
        "/ecs/api=service                          | entry 1 '/ecs/api=service': 'service' is not <key>:<value> (keys: service, source, tags)",
        "/ecs/api=servce:x                         | entry 1 '/ecs/api=servce:x': unknown key 'servce' (keys: service, source, tags)",
        "/ecs/api=service:                         | entry 1 '/ecs/api=service:': service has no value",
        "/ecs/api=service:a,service:b              | entry 1 '/ecs/api=service:a,service:b': service is given twice",
        "/ecs/api=source:a,source:b                | entry 1 '/ecs/api=source:a,source:b': source is given twice",
        "/ecs/api=tags:a:1,tags:b:2                | entry 1 '/ecs/api=tags:a:1,tags:b:2': tags is given twice (list them with '+')",
        "/ecs/api=tags:env                         | entry 1 '/ecs/api=tags:env': tag 'env' is not <name>:<value>",
        "/ecs/api=tags:1env:x                      | entry 1 '/ecs/api=tags:1env:x': tag name '1env' must start with a letter",
        "/ecs/api=tags:env:a+env:b                 | entry 1 '/ecs/api=tags:env:a+env:b': tag 'env' is given twice",
        "/ecs/api=tags:env:                        | entry 1 '/ecs/api=tags:env:': tag env has no value",
        "/ecs/api=service:fhir api é               | entry 1 '/ecs/api=service:fhir api é': service must be printable ASCII",
        "/ecs/a=service:x;/ecs/b=service:y;/ecs/a=source:z | entry 3 '/ecs/a=source:z': log group '/ecs/a' is already mapped by entry 1",
        "/ecs/a=service:x;/ecs/b=oops              | entry 2 '/ecs/b=oops': 'oops' is not <key>:<value>",
    })
    void everyMalformedFormNamesTheEntryAndTheProblem(String text, String message) {
        assertThatThrownBy(() -> LogGroupMapping.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void controlCharactersAreNeverEchoed() {
        assertThatThrownBy(() -> LogGroupMapping.parse("/ecs/api=service:a\u0007b"))
                .hasMessage("entry 1 '/ecs/api=service:a?b': service must be printable ASCII without ; , = +"
                        + " (at most 200 characters)");
    }
}
