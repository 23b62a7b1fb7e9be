package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * The Lambda path with {@value ForwarderContract#ENV_LOG_GROUP_MAPPING}: a mapped group's entries carry its service,
 * source and tags at the fake vendor; an unmapped group keeps today's defaults.
 */
class LogGroupMappingAtEachVendorTest {

    static final String MAPPING = "/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core;"
            + "/aws/lambda/*=source:lambda";

    static FakeVendor.Request forward(ForwarderFixture fixture, String logGroup) {
        fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
        ForwarderHandler handler = fixture.handler();
        int before = fixture.vendor.requests().size();
        ForwarderFixture.invoke(handler, SubscriptionEvents.builder().logGroup(logGroup)
                .lines(ContractLines.REQUEST_SERVED).invocation());
        return fixture.vendor.requests().get(before);
    }

    @Test
    void datadogShowsTheMappedServiceSourceAndTags() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put("MEDPLUM_LOGS_DATADOG_TAGS", "stack:medplum");
            JsonNode mapped = forward(fixture, "/ecs/api").entries().get(0);
            assertThat(mapped.get("service").asText()).isEqualTo("fhir-api");
            assertThat(mapped.get("ddsource").asText()).isEqualTo("java");
            assertThat(mapped.get("ddtags").asText()).isEqualTo("stack:medplum,env:prod,team:core");

            JsonNode prefixed = forward(fixture, "/aws/lambda/echo").entries().get(0);
            assertThat(prefixed.get("ddsource").asText()).isEqualTo("lambda");
            assertThat(prefixed.get("service").asText()).isEqualTo("/aws/lambda/echo");

            JsonNode unmapped = forward(fixture, "/ecs/worker").entries().get(0);
            assertThat(unmapped.get("service").asText()).isEqualTo("/ecs/worker");
            assertThat(unmapped.get("ddsource").asText()).isEqualTo("medplum-logs");
            assertThat(unmapped.get("ddtags").asText()).isEqualTo("stack:medplum");
        }
    }

    /**
     * A mapped tag wins over a function-wide one of the same name (Datadog compares tag names without regard to case,
     * it lower-cases them): {@code env:staging} beside {@code env:prod} would put the group's logs in both
     * environments, under the staging monitors too.
     */
    @Test
    void datadogMappedTagReplacesTheFunctionWideTagOfTheSameName() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put("MEDPLUM_LOGS_DATADOG_TAGS", "ENV:staging,stack:medplum,team:all");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, "/ecs/api=tags:env:prod+Team:core");
            JsonNode mapped = forwardAs(fixture, "/ecs/api");
            assertThat(mapped.get("ddtags").asText()).isEqualTo("stack:medplum,env:prod,Team:core");

            JsonNode unmapped = forwardAs(fixture, "/ecs/worker");
            assertThat(unmapped.get("ddtags").asText()).isEqualTo("ENV:staging,stack:medplum,team:all");
        }
    }

    /**
     * "Mapped values win over the function-wide settings for that group": with every function-wide setting given, a
     * mapped group shows its own service and source, an unmapped one the function-wide values (not the defaults).
     */
    @Test
    void mappedValuesWinOverTheFunctionWideSettingsAndOnlyForTheirGroup() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put("MEDPLUM_LOGS_DATADOG_SERVICE", "all-services");
            fixture.environment().put("MEDPLUM_LOGS_DATADOG_SOURCE", "all-sources");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
            JsonNode mapped = forwardAs(fixture, "/ecs/api");
            assertThat(mapped.get("service").asText()).isEqualTo("fhir-api");
            assertThat(mapped.get("ddsource").asText()).isEqualTo("java");
            JsonNode sourceOnly = forwardAs(fixture, "/aws/lambda/echo");
            assertThat(sourceOnly.get("service").asText()).isEqualTo("all-services");
            assertThat(sourceOnly.get("ddsource").asText()).isEqualTo("lambda");
            JsonNode unmapped = forwardAs(fixture, "/ecs/worker");
            assertThat(unmapped.get("service").asText()).isEqualTo("all-services");
            assertThat(unmapped.get("ddsource").asText()).isEqualTo("all-sources");
        }
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put("MEDPLUM_LOGS_SPLUNK_SOURCE", "all-sources");
            fixture.environment().put("MEDPLUM_LOGS_SPLUNK_HOST", "all-hosts");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
            JsonNode mapped = forwardAs(fixture, "/ecs/api");
            assertThat(mapped.get("source").asText()).isEqualTo("java");
            assertThat(mapped.get("host").asText()).isEqualTo("all-hosts");
            JsonNode unmapped = forwardAs(fixture, "/ecs/worker");
            assertThat(unmapped.get("source").asText()).isEqualTo("all-sources");
            assertThat(unmapped.at("/fields/logGroup").asText()).isEqualTo("/ecs/worker");
        }
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_NAME", "all-names");
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_HOST", "all-hosts");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
            FakeVendor.Request mapped = forward(fixture, "/ecs/api");
            assertThat(mapped.header("X-Sumo-Category")).isEqualTo("java");
            assertThat(mapped.header("X-Sumo-Name")).isEqualTo("all-names");
            assertThat(mapped.header("X-Sumo-Host")).isEqualTo("all-hosts");
            // no category anywhere: the header is left out, so the source's own category applies
            assertThat(forward(fixture, "/ecs/worker").header("X-Sumo-Category")).isNull();
        }
    }

    /**
     * The mapping refuses a tag given twice only in the same case, so {@code env:prod+Env:staging} passes it. Sumo
     * Logic keeps the first ({@code env=prod}: a mapped tag wins over a later one of the same name); Datadog, which
     * lower-cases tag names, got both and filed the group's logs under env:prod and env:staging, which the
     * function-wide rule above exists to prevent. The first of the mapped tags wins there too.
     */
    @Test
    void ofTwoMappedTagsWhoseNamesDifferOnlyInCaseTheFirstIsKeptAtDatadogAsAtSumoLogic() {
        String mapping = "/ecs/api=tags:env:prod+team:core+Env:staging+TEAM:other";
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put("MEDPLUM_LOGS_DATADOG_TAGS", "ENV:dev,stack:medplum");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
            JsonNode mapped = forwardAs(fixture, "/ecs/api");
            assertThat(mapped.get("ddtags").asText()).isEqualTo("stack:medplum,env:prod,team:core");
        }
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup("/ecs/api")
                    .lines(ContractLines.REQUEST_SERVED).invocation());
            assertThat(fixture.vendor.requests().get(0).header("X-Sumo-Fields")).isEqualTo("logGroup=/ecs/api,"
                    + "logStream=ecs/app/0f1e2d3c4b5a,account=123456789012,env=prod,team=core");
        }
    }

    private static JsonNode forwardAs(ForwarderFixture fixture, String logGroup) {
        int before = fixture.vendor.requests().size();
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup(logGroup)
                .lines(ContractLines.REQUEST_SERVED).invocation());
        return fixture.vendor.requests().get(before).entries().get(0);
    }

    @Test
    void splunkShowsTheMappedSourceAndServiceAndTagsAsIndexedFields() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            JsonNode mapped = forward(fixture, "/ecs/api").entries().get(0);
            assertThat(mapped.get("source").asText()).isEqualTo("java");
            assertThat(mapped.at("/fields/service").asText()).isEqualTo("fhir-api");
            assertThat(mapped.at("/fields/env").asText()).isEqualTo("prod");
            assertThat(mapped.at("/fields/team").asText()).isEqualTo("core");
            assertThat(mapped.at("/fields/logGroup").asText()).isEqualTo("/ecs/api");

            JsonNode unmapped = forward(fixture, "/ecs/worker").entries().get(0);
            assertThat(unmapped.get("source").asText()).isEqualTo("/ecs/worker");
            assertThat(unmapped.get("fields").has("service")).isFalse();
            assertThat(unmapped.get("fields").has("env")).isFalse();
        }
    }

    @Test
    void sumoShowsTheMappedSourceAsCategoryAndServiceAndTagsAsFields() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY", "prod/medplum");
            FakeVendor.Request mapped = forward(fixture, "/ecs/api");
            assertThat(mapped.header("X-Sumo-Category")).isEqualTo("java");
            assertThat(mapped.header("X-Sumo-Fields")).isEqualTo("logGroup=/ecs/api,logStream=ecs/app/0f1e2d3c4b5a,"
                    + "account=123456789012,service=fhir-api,env=prod,team=core");
            assertThat(mapped.header("X-Sumo-Name")).isEqualTo("/ecs/api");

            FakeVendor.Request unmapped = forward(fixture, "/ecs/worker");
            assertThat(unmapped.header("X-Sumo-Category")).isEqualTo("prod/medplum");
            assertThat(unmapped.header("X-Sumo-Fields")).isEqualTo("logGroup=/ecs/worker,"
                    + "logStream=ecs/app/0f1e2d3c4b5a,account=123456789012");
        }
    }

    @Test
    void sumoFieldsNameEachKeyOnceCloudWatchsFirstThenTheMappedOverTheFunctionWide() {
        // Sumo gets one X-Sumo-Fields per request: a repeated key would leave it to Sumo which value it keeps
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_FIELDS", "env=staging,stack=medplum,service=all");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING,
                    "/ecs/api=service:fhir-api,tags:env:prod+logGroup:fake+account:0");
            ForwarderHandler handler = fixture.handler();
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().logGroup("/ecs/api")
                    .lines(ContractLines.REQUEST_SERVED).invocation());

            assertThat(fixture.vendor.requests().get(0).header("X-Sumo-Fields")).isEqualTo("logGroup=/ecs/api,"
                    + "logStream=ecs/app/0f1e2d3c4b5a,account=123456789012,stack=medplum,service=fhir-api,env=prod");
        }
    }

    /**
     * Sumo Logic's field names are case-insensitive (as {@code MEDPLUM_LOGS_SUMOLOGIC_FIELDS} is checked): a mapped tag
     * {@code LogGroup} is CloudWatch's {@code logGroup} to Sumo, and a mapped {@code Env} the function-wide {@code env}.
     * A tag named {@code service} gives way to the mapped service, as at Splunk.
     */
    @Test
    void sumoFieldsNameEachKeyOnceWithoutRegardToCase() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_FIELDS", "env=staging,stack=medplum");
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING,
                    "/ecs/api=service:fhir-api,tags:LogGroup:fake+ACCOUNT:0+Env:prod+service:other");
            ForwarderHandler handler = fixture.handler();
            ForwarderFixture.invoke(handler, SubscriptionEvents.builder().logGroup("/ecs/api")
                    .lines(ContractLines.REQUEST_SERVED).invocation());

            assertThat(fixture.vendor.requests().get(0).header("X-Sumo-Fields")).isEqualTo("logGroup=/ecs/api,"
                    + "logStream=ecs/app/0f1e2d3c4b5a,account=123456789012,stack=medplum,service=fhir-api,Env=prod");
        }
    }

    @Test
    void splunkMappedTagsNeverReplaceOrRepeatWhatTheEventIndexes() {
        // a tag named like a key of the event would be indexed twice with _json (level=WARN,info), or replace the
        // event's own level/traceId among the indexed fields with another sourcetype
        String mapping = "/ecs/api=service:fhir-api,tags:level:info+traceId:none+status:x+service:other+env:prod";
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
            JsonNode json = forwardOne(fixture);
            assertThat(json.get("fields")).hasToString("{\"service\":\"fhir-api\",\"env\":\"prod\","
                    + "\"logGroup\":\"/ecs/api\",\"logStream\":\"ecs/app/0f1e2d3c4b5a\",\"account\":\"123456789012\"}");
        }
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
            fixture.environment().put("MEDPLUM_LOGS_SPLUNK_SOURCETYPE", "medplum:json");
            JsonNode other = forwardOne(fixture);
            assertThat(other.at("/fields/level").asText()).isEqualTo("WARN");
            assertThat(other.at("/fields/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(other.at("/fields/service").asText()).isEqualTo("fhir-api");
            assertThat(other.at("/fields/status").asText()).isEqualTo("x");
        }
    }

    private static JsonNode forwardOne(ForwarderFixture fixture) {
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup("/ecs/api")
                .lines(ContractLines.REQUEST_SERVED).invocation());
        return fixture.vendor.requests().get(0).entries().get(0);
    }

    @Test
    void badMappingFailsTheColdStartNamingTheVariableAndEntry() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, "/ecs/api=service:a;/ecs/b");
            assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                    .hasMessage(ForwarderContract.ENV_LOG_GROUP_MAPPING
                            + ": entry 2 '/ecs/b': expected <log group>=<key>:<value>,… (no '=')");
        }
    }
}
