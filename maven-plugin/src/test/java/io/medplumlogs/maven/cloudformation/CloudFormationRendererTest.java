package io.medplumlogs.maven.cloudformation;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.GenerateRequest;
import io.medplumlogs.maven.IamGlob;
import io.medplumlogs.maven.Requests;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
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
                .containsEntry("MEDPLUM_LOGS_SECRET_ARN", Requests.SECRET_ARN)
                .containsEntry("MEDPLUM_LOGS_DLQ_URL", Map.of("Ref", "DeadLetterQueue"))
                .doesNotContainKey("MEDPLUM_LOGS_ENDPOINT");
    }

    @Test
    void arm64WithSnapStartAndEveryTriggerInvokesThePublishedVersionsAlias() {
        Map<String, Object> resources = resources(template(request("datadog", "/ecs/a,/ecs/b", Requests.SECRET_ARN,
                null, Map.of())));
        assertThat(properties(resources.get("ForwarderFunction")))
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        assertThat(properties(resources.get("ForwarderVersion")))
                .containsEntry("FunctionName", Map.of("Ref", "ForwarderFunction"));
        assertThat(resources.get("ForwarderAlias")).extracting("Type").isEqualTo("AWS::Lambda::Alias");
        assertThat(properties(resources.get("ForwarderAlias"))).containsEntry("Name", ForwarderContract.ALIAS)
                .containsEntry("FunctionName", Map.of("Ref", "ForwarderFunction"))
                .containsEntry("FunctionVersion", Map.of("Fn::GetAtt", List.of("ForwarderVersion", "Version")));
        Map<String, Object> alias = Map.of("Ref", "ForwarderAlias");
        ofType(resources, "AWS::Logs::SubscriptionFilter").values().forEach(filter ->
                assertThat(properties(filter)).containsEntry("DestinationArn", alias));
        ofType(resources, "AWS::Lambda::Permission").values().forEach(permission ->
                assertThat(properties(permission)).containsEntry("FunctionName", alias));
        assertThat(properties(resources.get("RedriveSchedule")).get("Targets").toString())
                .contains("Arn={Ref=ForwarderAlias}");
        assertThat(properties(resources.get("ForwarderInvokeConfig"))).containsEntry("Qualifier", ForwarderContract.ALIAS);
    }

    @Test
    void x86AndNoSnapStartOnRequestStillThroughTheAlias() {
        Map<String, Object> resources = resources(template(Requests.runningOn(Requests.datadog(), "x86_64",
                "false")));
        assertThat(properties(resources.get("ForwarderFunction")))
                .containsEntry("Architectures", List.of("x86_64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "None"));
        assertThat(resources).containsKeys("ForwarderVersion", "ForwarderAlias");
    }

    @Test
    void aChangedSettingPublishesANewVersion() {
        Object version = properties(resources(template(Requests.datadog())).get("ForwarderVersion"))
                .get("Description");
        Object sameAgain = properties(resources(template(Requests.datadog())).get("ForwarderVersion"))
                .get("Description");
        Object otherArch = properties(resources(template(Requests.runningOn(Requests.datadog(), "x86_64", null)))
                .get("ForwarderVersion")).get("Description");
        assertThat(version).isEqualTo(sameAgain).isNotEqualTo(otherArch);
        assertThat((String) version).contains("forwarder 1.2.3");
    }

    @Test
    void eachLogGroupGetsAPermissionAndAFilterThatWaitsForIt() {
        Map<String, Object> resources = resources(template(request("datadog", "/ecs/a,/ecs/b", Requests.SECRET_ARN, null,
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

    /**
     * generate.adoc: every role that reads a secret given by ARN is granted the ARN and the ARN followed by
     * {@code -??????}, so that a partial ARN (without the six characters Secrets Manager adds) reads the secret too:
     * IAM matches the grant against the secret's full ARN. Granted only the ARN as given, a partial one whose name
     * looks like it ends in a suffix ({@code splunk-hec-secret}) passed the goal and the forwarder or Firehose was
     * denied the secret at run time.
     */
    @Test
    void everyRoleThatReadsAnExistingSecretIsGrantedItsFullArnAlsoWhenGivenPartially() {
        String partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-secret";
        for (String vendor : new String[] { "datadog", "splunk" }) {
            for (String transport : new String[] { "lambda", "firehose" }) {
                Map<String, Object> resources = resources(template(request(vendor, "/ecs/a", partial,
                        "https://hec.example.com", Map.of()).withTransport(transport)));
                List<Object> granted = secretGrants(resources);
                assertThat(granted).as(vendor + " over " + transport).isNotEmpty().allSatisfy(resource -> assertThat(
                        (List<?>) resource).as(vendor + " over " + transport)
                        .anySatisfy(r -> assertThat(IamGlob.matches((String) r, partial + IamGlob.RANDOM_SUFFIX))
                                .isTrue())
                        .allSatisfy(r -> assertThat((String) r).startsWith(partial)));
            }
        }
    }

    /** The Resource of every statement of every role's inline policy that allows reading a secret. */
    @SuppressWarnings("unchecked")
    private static List<Object> secretGrants(Map<String, Object> resources) {
        List<Object> granted = new java.util.ArrayList<>();
        for (Object role : ofType(resources, "AWS::IAM::Role").values()) {
            for (Map<String, Object> policy : (List<Map<String, Object>>) properties(role).get("Policies")) {
                for (Map<String, Object> statement : (List<Map<String, Object>>) ((Map<String, Object>) policy
                        .get("PolicyDocument")).get("Statement")) {
                    if (String.valueOf(statement.get("Action")).contains("secretsmanager:")) {
                        Object resource = statement.get("Resource");
                        granted.add(resource instanceof List<?> ? resource : List.of(resource));
                    }
                }
            }
        }
        return granted;
    }

    @Test
    void credentialParameterIsNoEcho() {
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) template(Requests.creatingTheSecret(Requests.datadog()))
                .get("Parameters"))
                .get("VendorCredential");
        assertThat(parameter.get("NoEcho")).isEqualTo(true);
    }

    @Test
    void alarmsQueriesAndRedrive() {
        Map<String, Object> resources = resources(template(Requests.datadog()));
        assertThat(ofType(resources, "AWS::CloudWatch::Alarm")).hasSize(9);
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

    /**
     * generate.adoc: every alarm (nine with lambda; five with firehose) looks at five-minute windows, treats missing
     * data as fine and notifies the topic given or created.
     */
    @Test
    void everyAlarmWatchesFiveMinutesTreatsMissingDataAsFineAndNotifiesTheTopic() {
        String topic = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";
        GenerateRequest r = Requests.datadog();
        GenerateRequest withTopic = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false,
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), topic, "ignored@example.com", r.tags(),
                r.architecture(), r.snapStart(), Map.of(), r.forwarderVersion());
        Map<GenerateRequest, Object> cases = new LinkedHashMap<>();
        cases.put(withTopic, topic);
        cases.put(Requests.alarming(r, "ops@example.com"), Map.of("Ref", "AlarmTopic"));
        cases.put(withTopic.withTransport("firehose"), topic);
        cases.put(Requests.alarming(r, "ops@example.com").withTransport("firehose"), Map.of("Ref", "AlarmTopic"));
        cases.forEach((request, notified) -> {
            Map<String, Object> resources = resources(template(request));
            assertThat(ofType(resources, "AWS::SNS::Topic")).hasSize(notified.equals(topic) ? 0 : 1);
            assertThat(ofType(resources, "AWS::CloudWatch::Alarm").values())
                    .hasSize("firehose".equals(request.transport()) ? 6 : 9)
                    .allSatisfy(alarm -> assertThat(properties(alarm)).containsEntry("Period", 300)
                            .containsEntry("EvaluationPeriods", 1).containsEntry("TreatMissingData", "notBreaching")
                            .containsEntry("AlarmActions", List.of(notified)));
        });
    }

    /**
     * CloudFormation takes at most 500 resources per stack. generate.adoc's limits keep every accepted request below
     * it: with firehose 200 groups (two resources each), with lambda as many as the alias' resource-based policy
     * takes (three each), here with the shortest names and every optional resource (created secret and topic).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theLargestAcceptedRequestsStayWithinCloudFormationsResourceLimit() {
        for (String transport : List.of("firehose", "lambda")) {
            Map<String, Object> largest = null;
            for (int groups = 200; largest == null; groups--) {
                String names = java.util.stream.IntStream.range(0, groups).mapToObj(i -> "/" + i)
                        .collect(Collectors.joining(","));
                GenerateRequest r = Requests.alarming(Requests.creatingTheSecret(
                        request("datadog", names, null, null, Map.of())), "ops@example.com").withTransport(transport);
                try {
                    largest = (Map<String, Object>) new Yaml().load(CloudFormationRenderer.render(
                            io.medplumlogs.maven.DeploymentFactory.create(r)));
                } catch (io.medplumlogs.maven.InvalidParametersException tooMany) {
                    assertThat(transport).isEqualTo("lambda");
                }
            }
            assertThat(resources(largest)).as(transport).hasSizeLessThanOrEqualTo(500);
        }
    }

    @Test
    void awkwardValuesSurviveQuoting() {
        String pattern = "{ $.msg = \"a: #b\" }\n\ttrue";
        GenerateRequest r = Requests.datadog();
        GenerateRequest odd = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, pattern,
                r.datadogSite(), null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, null,
                "team=a: b,env=yes", null, null, Map.of("medplum-logs.datadog.tags", "on"), "1");
        Map<String, Object> resources = resources(template(odd));
        assertThat(properties(ofType(resources, "AWS::Logs::SubscriptionFilter").values().iterator().next()))
                .containsEntry("FilterPattern", pattern);
        assertThat(properties(resources.get("ForwarderFunction")).toString()).contains("MEDPLUM_LOGS_DATADOG_TAGS=on")
                .contains("{Key=env, Value=yes}");
    }

    @Test
    void invocationsLambdaGivesUpOnGoToAnEncryptedWatchedQueue() {
        Map<String, Object> resources = resources(template(Requests.datadog()));
        Map<String, Object> invokeConfig = properties(resources.get("ForwarderInvokeConfig"));
        assertThat(invokeConfig).containsEntry("DestinationConfig", Map.of("OnFailure",
                Map.of("Destination", Map.of("Fn::GetAtt", List.of("OnFailureQueue", "Arn")))));
        assertThat(properties(resources.get("OnFailureQueue"))).containsEntry("QueueName",
                "medplum-logs-datadog-on-failure").containsEntry("SqsManagedSseEnabled", true)
                .containsEntry("MessageRetentionPeriod", 1_209_600)
                // Lambda drops a record that does not fit: the queue takes SQS's largest message
                .containsEntry("MaximumMessageSize", ForwarderContract.ON_FAILURE_QUEUE_MAX_MESSAGE_BYTES);
        assertThat(properties(resources.get("DeadLetterQueue")))
                .containsEntry("MaximumMessageSize", ForwarderContract.DLQ_MAX_MESSAGE_BYTES);
        // Lambda sends to the destination with the function's own role; redrive receives and deletes
        assertThat(properties(resources.get("ForwarderRole")).toString()).contains("{Effect=Allow, Action="
                + ForwarderContract.ON_FAILURE_QUEUE_IAM_ACTIONS + ", Resource={Fn::GetAtt=[OnFailureQueue, Arn]}}");
        assertThat(environment(resources)).containsEntry(ForwarderContract.ENV_ON_FAILURE_QUEUE_URL,
                Map.of("Ref", "OnFailureQueue"));
        assertThat(properties(resources.get("OnFailureQueueNotEmptyAlarm")))
                .containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of("OnFailureQueue", "QueueName")))))
                .containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        // a record Lambda cannot write to the destination is dropped: only this metric tells
        assertThat(properties(resources.get("OnFailureDeliveryFailuresAlarm")))
                .containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "DestinationDeliveryFailures")
                .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", Map.of("Ref", "ForwarderFunction"))))
                .containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    @Test
    void deletingTheStackKeepsUndeliveredLogs() {
        Map<String, Object> resources = resources(template(Requests.datadog()));
        for (String kept : List.of("DeadLetterQueue", "OnFailureQueue", "ForwarderLogGroup")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) resources.get(kept);
            assertThat(resource).as(kept).containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
    }

    /**
     * A second forwarder for the same vendor (what the goal advises when the log groups outgrow one) must not set off
     * the first one's alarms, nor they its: each alarm on the forwarder's own metrics watches its function's metrics.
     */
    @Test
    void twoForwardersForOneVendorDoNotSetOffEachOthersAlarms() {
        GenerateRequest first = request("datadog", "/ecs/a", Requests.SECRET_ARN, null, Map.of());
        GenerateRequest second = new GenerateRequest(first.vendor(), "/ecs/b", first.formats(), first.secretArn(),
                false, first.filterPattern(), first.datadogSite(), null, "medplum-logs-datadog-2", first.memoryMb(),
                first.timeoutSeconds(), first.logRetentionDays(), first.retryAttempts(), first.maxEventAgeSeconds(),
                first.redriveSchedule(), first.failedLoginThreshold(), null, null, null, null, null,
                first.vendorSettings(), first.forwarderVersion());
        for (String alarm : List.of("ChunksDeadLetteredAlarm", "RedriveRedeliveredNotDeletedAlarm",
                "EntriesTruncatedAlarm")) {
            Object watchedByFirst = properties(resources(template(first)).get(alarm)).get("Dimensions");
            Object watchedBySecond = properties(resources(template(second)).get(alarm)).get("Dimensions");
            assertThat(watchedByFirst).as(alarm).isNotEqualTo(watchedBySecond);
            assertThat(watchedBySecond).as(alarm).isEqualTo(List.of(
                    Map.of("Name", ForwarderMetrics.DIMENSION_FUNCTION, "Value", "medplum-logs-datadog-2"),
                    Map.of("Name", ForwarderMetrics.DIMENSION_VENDOR, "Value", "datadog")));
        }
    }

    @Test
    void deadLetteredChunksRaiseAnAlarmOnTheForwardersOwnMetric() {
        Map<String, Object> resources = resources(template(request("sumologic", "/ecs/a", Requests.SECRET_ARN, null,
                Map.of())));
        assertThat(properties(resources.get("ChunksDeadLetteredAlarm")))
                .containsEntry("Namespace", ForwarderMetrics.NAMESPACE)
                .containsEntry("MetricName", ForwarderMetrics.CHUNKS_DEAD_LETTERED)
                .containsEntry("Dimensions", List.of(
                        Map.of("Name", ForwarderMetrics.DIMENSION_FUNCTION, "Value", "medplum-logs-sumologic"),
                        Map.of("Name", ForwarderMetrics.DIMENSION_VENDOR, "Value", "sumologic")))
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 0)
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    /**
     * A delivered DLQ message or on-failure record whose delete failed is sent again by the next redrive: a duplicate
     * at the vendor that only these metrics tell of, so each has an alarm like the dead-lettered chunks. So has an
     * entry whose content was cut (now that a long line is split, only what cannot be split is: part of it is lost).
     */
    @Test
    void duplicatesComingFromAFailedRedriveDeleteRaiseAnAlarm() {
        Map<String, Object> resources = resources(template(request("sumologic", "/ecs/a", Requests.SECRET_ARN, null,
                Map.of())));
        for (String metric : List.of(ForwarderMetrics.REDRIVE_REDELIVERED_NOT_DELETED,
                ForwarderMetrics.INVOCATIONS_RECOVERED_NOT_DELETED, ForwarderMetrics.ENTRIES_TRUNCATED)) {
            assertThat(ofType(resources, "AWS::CloudWatch::Alarm").values()).as(metric)
                    .anySatisfy(alarm -> assertThat(properties(alarm))
                            .containsEntry("Namespace", ForwarderMetrics.NAMESPACE)
                            .containsEntry("MetricName", metric)
                            .containsEntry("Dimensions", List.of(Map.of("Name", ForwarderMetrics.DIMENSION_FUNCTION,
                                    "Value", "medplum-logs-sumologic"), Map.of("Name", ForwarderMetrics.DIMENSION_VENDOR,
                                    "Value", "sumologic")))
                            .containsEntry("Statistic", "Sum").containsEntry("Threshold", 0)
                            .containsEntry("ComparisonOperator", "GreaterThanThreshold"));
        }
    }

    @Test
    void theSecretIsCreatedOnlyOnRequest() {
        Map<String, Object> template = template(Requests.creatingTheSecret(Requests.datadog()));
        assertThat(ofType(resources(template), "AWS::SecretsManager::Secret")).hasSize(1);
        assertThat(environment(resources(template))).containsEntry(ForwarderContract.ENV_SECRET_ARN,
                Map.of("Ref", "VendorSecret"));
    }

    @Test
    void logGroupMappingIsInTheFunctionsEnvironment() {
        String mapping = "/ecs/api=service:fhir-api,tags:env:prod+team:core;/aws/lambda/*=source:lambda";
        Map<String, Object> template = template(request("splunk", "/ecs/api", Requests.SECRET_ARN,
                "https://hec.example.com", Map.of("medplum-logs.logGroupMapping", mapping)));
        assertThat(environment(resources(template))).containsEntry(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
        assertThat(environment(resources(template(Requests.datadog()))))
                .doesNotContainKey(ForwarderContract.ENV_LOG_GROUP_MAPPING);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> resources) {
        return (Map<String, Object>) ((Map<String, Object>) properties(resources.get("ForwarderFunction"))
                .get("Environment")).get("Variables");
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("medplum-logs.datadog.service", "fhir");
        one.put("medplum-logs.datadog.source", "java");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("medplum-logs.datadog.source", "java");
        other.put("medplum-logs.datadog.service", "fhir");
        assertThat(CloudFormationRenderer.render(deployment(request("datadog", "/ecs/a,/ecs/b", Requests.SECRET_ARN, null, one))))
                .isEqualTo(CloudFormationRenderer.render(deployment(request("datadog", "/ecs/a,/ecs/b", Requests.SECRET_ARN, null,
                        other))));
    }

    @Test
    void splunkSettingsTopicAndFilterPattern() {
        String cfn = CloudFormationRenderer.render(deployment(Requests.splunkWithItsSettings()));
        assertThat(cfn).contains("MEDPLUM_LOGS_VENDOR: \"splunk\"",
                "MEDPLUM_LOGS_ENDPOINT: \"https://http-inputs-example.splunkcloud.com\"",
                "MEDPLUM_LOGS_SPLUNK_INDEX: \"fhir\"", "MEDPLUM_LOGS_SPLUNK_SOURCETYPE: \"_json\"",
                "MEDPLUM_LOGS_SECRET_ARN: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-AbCdEf\"",
                "- \"arn:aws:sns:eu-west-1:123456789012:ops-alarms\"",
                "FilterPattern: \"{ $.level = \\\"ERROR\\\" || $.msg = \\\"Request served\\\" }\"")
                .doesNotContain("AWS::SecretsManager::Secret", "NoEcho");
    }

    @Test
    void sumoLogicCategorySizeTimeoutAndRetention() {
        String cfn = CloudFormationRenderer.render(deployment(Requests.sumoLogicSized()));
        assertThat(cfn).contains("MEDPLUM_LOGS_VENDOR: \"sumologic\"", "MEDPLUM_LOGS_SUMOLOGIC_CATEGORY: \"prod/fhir\"",
                "MemorySize: 2048", "Timeout: 300", "RetentionInDays: 90").doesNotContain("MEDPLUM_LOGS_ENDPOINT");
    }

    @Test
    void starWithLambdaIsOneAccountPolicyToTheAliasAllowedForEveryLogGroupOfTheAccount() {
        Map<String, Object> resources = resources(template(Requests.filtering(
                request("datadog", "*", Requests.SECRET_ARN, null, Map.of()), "{ $.level = \"ERROR\" }")));
        assertThat(ofType(resources, "AWS::Logs::SubscriptionFilter")).isEmpty();
        assertThat(ofType(resources, "AWS::Logs::MetricFilter")).isEmpty();
        assertThat(resources).doesNotContainKey("FailedLoginSpikeAlarm");
        Map<String, Object> policies = ofType(resources, "AWS::Logs::AccountPolicy");
        assertThat(policies).containsOnlyKeys("AccountSubscriptionPolicy");
        Map<?, ?> policy = (Map<?, ?>) policies.get("AccountSubscriptionPolicy");
        assertThat(policy.get("DependsOn")).isEqualTo(List.of("LogsPermissionAccount"));
        assertThat(properties(policy)).containsEntry("PolicyName", "medplum-logs-datadog")
                .containsEntry("PolicyType", "SUBSCRIPTION_FILTER_POLICY").containsEntry("Scope", "ALL")
                .containsEntry("SelectionCriteria", "LogGroupName NOT IN [\"/aws/lambda/medplum-logs-datadog\"]")
                .containsEntry("PolicyDocument", Map.of("Fn::Join", List.of("", List.of("{\"DestinationArn\":\"",
                        Map.of("Ref", "ForwarderAlias"), "\",\"FilterPattern\":\"{ $.level = \\\"ERROR\\\" }\","
                                + "\"Distribution\":\"Random\"", "}"))));
        Map<String, Object> permissions = ofType(resources, "AWS::Lambda::Permission");
        assertThat(permissions).containsOnlyKeys("LogsPermissionAccount", "RedrivePermission");
        assertThat(properties(permissions.get("LogsPermissionAccount")))
                .containsEntry("Principal", "logs.amazonaws.com")
                .containsEntry("FunctionName", Map.of("Ref", "ForwarderAlias"))
                .containsEntry("SourceArn", Map.of("Fn::Sub",
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"))
                .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
        assertThat(properties(resources.get("QueryOneTrace"))).doesNotContainKey("LogGroupNames");
    }

    @Test
    void starWithFirehoseIsOneAccountPolicyToTheStreamThatLeavesOutBothOwnLogGroups() {
        Map<String, Object> resources = resources(template(request("splunk", "*", Requests.SECRET_ARN,
                "https://http-inputs-firehose-example.splunkcloud.com:443", Map.of()).withTransport("firehose")));
        assertThat(ofType(resources, "AWS::Logs::SubscriptionFilter")).isEmpty();
        assertThat(ofType(resources, "AWS::Logs::MetricFilter")).isEmpty();
        assertThat(resources).doesNotContainKey("FailedLoginSpikeAlarm");
        assertThat(properties(resources.get("AccountSubscriptionPolicy")))
                .containsEntry("SelectionCriteria", "LogGroupName NOT IN [\"/aws/lambda/medplum-logs-splunk\","
                        + " \"/aws/kinesisfirehose/medplum-logs-splunk\"]")
                .containsEntry("PolicyDocument", Map.of("Fn::Join", List.of("", List.of("{\"DestinationArn\":\"",
                        Map.of("Fn::GetAtt", List.of("DeliveryStream", "Arn")),
                        "\",\"FilterPattern\":\"\",\"Distribution\":\"Random\"", ",\"RoleArn\":\"",
                        Map.of("Fn::GetAtt", List.of("LogsToFirehoseRole", "Arn")), "\"", "}"))));
        assertThat(ofType(resources, "AWS::Lambda::Permission")).isEmpty();
    }
}
