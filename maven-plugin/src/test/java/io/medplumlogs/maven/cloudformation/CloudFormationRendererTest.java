package io.medplumlogs.maven.cloudformation;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.GenerateRequest;
import io.medplumlogs.maven.Requests;
import io.medplumlogs.vendors.ForwarderContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CloudFormationRendererTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> template(GenerateRequest request) {
        return (Map<String, Object>) new Yaml().load(CloudFormationRenderer.render(deployment(request)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }

    private static Map<String, Object> ofType(Map<String, Object> resources, String type) {
        return resources.entrySet().stream()
                .filter(e -> type.equals(((Map<?, ?>) e.getValue()).get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void functionFollowsTheForwarderContract() {
        Map<String, Object> function = properties(resources(template(Requests.datadog())).get("ForwarderFunction"));
        assertThat(function).containsEntry("Runtime", "java21")
                .containsEntry("Handler", ForwarderContract.HANDLER)
                .containsEntry("MemorySize", 1024).containsEntry("Timeout", 120)
                .containsEntry("Code", "../medplum-logs-forwarder-1.2.3-lambda.zip");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables");
        assertThat(env).containsEntry("MEDPLUM_LOGS_VENDOR", "datadog")
                .containsEntry("MEDPLUM_LOGS_DATADOG_SITE", "datadoghq.com")
                .containsEntry("MEDPLUM_LOGS_SECRET_ARN", Map.of("Ref", "VendorSecret"))
                .containsEntry("MEDPLUM_LOGS_DLQ_URL", Map.of("Ref", "DeadLetterQueue"))
                .doesNotContainKey("MEDPLUM_LOGS_ENDPOINT");
    }

    @Test
    void eachLogGroupGetsAPermissionAndAFilterThatWaitsForIt() {
        Map<String, Object> resources = resources(template(request("datadog", "/ecs/a,/ecs/b", null, null,
                Map.of())));
        Map<String, Object> filters = ofType(resources, "AWS::Logs::SubscriptionFilter");
        assertThat(filters).hasSize(2);
        filters.values().forEach(filter -> {
            List<?> dependsOn = (List<?>) ((Map<?, ?>) filter).get("DependsOn");
            assertThat(dependsOn).hasSize(1);
            Map<String, Object> permission = properties(resources.get(dependsOn.get(0)));
            assertThat(permission).containsEntry("Principal", "logs.amazonaws.com")
                    .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
            String group = (String) properties(filter).get("LogGroupName");
            assertThat(permission.get("SourceArn")).isEqualTo(Map.of("Fn::Sub",
                    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + group + ":*"));
        });
    }

    @Test
    void leastPrivilegeRoleWithoutWildcardActions() {
        String yaml = CloudFormationRenderer.render(deployment(Requests.datadog()));
        Map<String, Object> role = properties(resources(template(Requests.datadog())).get("ForwarderRole"));
        assertThat(role.toString()).doesNotContain("*\"").contains("secretsmanager:GetSecretValue")
                .contains("sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage");
        assertThat(yaml).doesNotContainPattern("\"[a-z0-9-]+:\\*\"|Action: \"\\*\"");
    }

    @Test
    void existingSecretIsReferencedNotCreated() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-AbCdEf";
        Map<String, Object> template = template(request("datadog", "/ecs/a", arn, null, Map.of()));
        assertThat(template).doesNotContainKey("Parameters");
        assertThat(ofType(resources(template), "AWS::SecretsManager::Secret")).isEmpty();
        assertThat(properties(resources(template).get("ForwarderRole")).toString()).contains(arn);
    }

    @Test
    void credentialParameterIsNoEcho() {
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) template(Requests.datadog()).get("Parameters"))
                .get("VendorCredential");
        assertThat(parameter.get("NoEcho")).isEqualTo(true);
    }

    @Test
    void alarmsQueriesAndRedrive() {
        Map<String, Object> resources = resources(template(Requests.datadog()));
        assertThat(ofType(resources, "AWS::CloudWatch::Alarm")).hasSize(3);
        assertThat(properties(ofType(resources, "AWS::Logs::MetricFilter").values().iterator().next()))
                .containsEntry("FilterPattern", "{ $.msg = \"Login failed\" }");
        assertThat(ofType(resources, "AWS::Logs::QueryDefinition").values()).extracting(r -> properties(r)
                .get("QueryString")).anySatisfy(q -> assertThat((String) q).contains("filter msg = \"Request served\" and ispresent(interaction)"
                        + " | stats count(*) as requests, avg(durationMs) as avgMs, max(durationMs) as maxMs"
                        + " by interaction, resourceType | sort maxMs desc"));
        Map<String, Object> rule = properties(resources.get("RedriveSchedule"));
        assertThat(rule.toString()).contains(ForwarderContract.REDRIVE_EVENT);
        assertThat(properties(resources.get("DeadLetterQueue"))).containsEntry("SqsManagedSseEnabled", true);
        assertThat(properties(resources.get("ForwarderLogGroup"))).containsEntry("RetentionInDays", 30)
                .containsEntry("LogGroupName", "/aws/lambda/medplum-logs-datadog");
        assertThat(properties(resources.get("ForwarderInvokeConfig"))).containsEntry("MaximumRetryAttempts", 2)
                .containsEntry("MaximumEventAgeInSeconds", 21600);
    }

    @Test
    void awkwardValuesSurviveQuoting() {
        String pattern = "{ $.msg = \"a: #b\" }\n\ttrue";
        GenerateRequest r = Requests.datadog();
        GenerateRequest odd = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), null, pattern,
                r.datadogSite(), null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, null,
                "team=a: b,env=yes", Map.of("medplum-logs.datadog.tags", "on"), "1");
        Map<String, Object> resources = resources(template(odd));
        assertThat(properties(ofType(resources, "AWS::Logs::SubscriptionFilter").values().iterator().next()))
                .containsEntry("FilterPattern", pattern);
        assertThat(properties(resources.get("ForwarderFunction")).toString()).contains("MEDPLUM_LOGS_DATADOG_TAGS=on")
                .contains("{Key=env, Value=yes}");
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("medplum-logs.datadog.service", "fhir");
        one.put("medplum-logs.datadog.source", "java");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("medplum-logs.datadog.source", "java");
        other.put("medplum-logs.datadog.service", "fhir");
        assertThat(CloudFormationRenderer.render(deployment(request("datadog", "/ecs/a,/ecs/b", null, null, one))))
                .isEqualTo(CloudFormationRenderer.render(deployment(request("datadog", "/ecs/a,/ecs/b", null, null,
                        other))));
    }
}
