package io.medplumlogs.maven.terraform;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.IamGlob;
import io.medplumlogs.maven.Requests;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerraformRendererTest {

    private static final Map<String, String> SPLUNK = TerraformRenderer.render(deployment(request("splunk",
            "/ecs/a,/ecs/b", Requests.SECRET_ARN, "https://hec.example.com", Map.of("medplum-logs.splunk.index",
                    "fhir"))));

    @Test
    void writesTheFourFiles() {
        assertThat(SPLUNK).containsOnlyKeys("main.tf", "variables.tf", "outputs.tf", "versions.tf");
        assertThat(SPLUNK.get("versions.tf")).contains("source = \"hashicorp/aws\"");
    }

    /**
     * The on-failure queue takes 1 MiB messages; AWS providers before 6.8.0 refuse a max_message_size above 256 KiB at
     * plan time, so versions.tf must not admit them.
     */
    @Test
    void versionsAdmitOnlyProvidersThatTakeTheQueuesMessageSize() {
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("max_message_size = (\\d+)")
                .matcher(SPLUNK.get("main.tf"));
        int largest = 0;
        while (size.find()) {
            largest = Math.max(largest, Integer.parseInt(size.group(1)));
        }
        assertThat(largest).isGreaterThan(262_144);
        assertThat(SPLUNK.get("versions.tf")).contains("version = \">= 6.8.0, < 7.0.0\"");
    }

    /**
     * The AWS provider 6.0 deprecated {@code name} of the {@code aws_region} data source for {@code region}, which it
     * added: every plan warned "Value derived from a deprecated source". The module reads the attribute every provider
     * versions.tf admits has and none deprecates, and admits no major version it was not written for (a 7.x may drop
     * what 6.x only deprecates).
     */
    @Test
    void theRegionIsReadFromTheAttributeEveryAdmittedProviderHasUndeprecated() {
        String lambdaAccountWide = TerraformRenderer.render(deployment(request("datadog", "*", Requests.SECRET_ARN,
                null, Map.of()))).get("main.tf");
        String firehose = TerraformRenderer.render(deployment(request("datadog", "/ecs/api", Requests.SECRET_ARN,
                null, Map.of()).withTransport("firehose"))).get("main.tf");
        for (String main : List.of(lambdaAccountWide, firehose)) {
            assertThat(main).contains("data \"aws_region\" \"current\"", ":logs:${data.aws_region.current.region}:")
                    .doesNotContain("data.aws_region.current.name");
        }
        assertThat(SPLUNK.get("versions.tf")).containsPattern("version = \">= 6\\.\\d+\\.\\d+, < 7\\.0\\.0\"");
    }

    @Test
    void functionFollowsTheForwarderContract() {
        String main = SPLUNK.get("main.tf");
        assertThat(main).contains("runtime = \"java21\"", "handler = \"" + ForwarderContract.HANDLER + "\"",
                "MEDPLUM_LOGS_VENDOR = \"splunk\"", "MEDPLUM_LOGS_ENDPOINT = \"https://hec.example.com\"",
                "MEDPLUM_LOGS_SPLUNK_INDEX = \"fhir\"",
                "MEDPLUM_LOGS_SECRET_ARN = \"" + Requests.SECRET_ARN + "\"",
                "MEDPLUM_LOGS_DLQ_URL = aws_sqs_queue.dlq.url",
                "filename = \"${path.module}/../medplum-logs-forwarder-1.2.3-lambda.zip\"");
        assertThat(SPLUNK.get("variables.tf")).contains("default = 1024", "default = 120");
    }

    @Test
    void logGroupMappingIsInTheFunctionsEnvironment() {
        String main = TerraformRenderer.render(deployment(request("datadog", "/ecs/api", Requests.SECRET_ARN, null,
                Map.of("medplum-logs.logGroupMapping", "/ecs/api=service:fhir-api,tags:env:prod+team:core"))))
                .get("main.tf");
        assertThat(main).contains(ForwarderContract.ENV_LOG_GROUP_MAPPING
                + " = \"/ecs/api=service:fhir-api,tags:env:prod+team:core\"");
        assertThat(SPLUNK.get("main.tf")).doesNotContain(ForwarderContract.ENV_LOG_GROUP_MAPPING);
    }

    @Test
    void arm64WithSnapStartAndEveryTriggerInvokesThePublishedVersionsAlias() {
        String main = SPLUNK.get("main.tf");
        assertThat(main).contains("architectures = [\n    \"arm64\",\n  ]", "publish = true",
                "snap_start {\n    apply_on = \"PublishedVersions\"\n  }",
                "resource \"aws_lambda_alias\" \"live\"", "name = \"live\"",
                "function_version = aws_lambda_function.forwarder.version",
                "destination_arn = aws_lambda_alias.live.arn", "arn = aws_lambda_alias.live.arn");
        assertThat(main.split("qualifier = aws_lambda_alias.live.name", -1)).as("invoke config, two permissions")
                .hasSize(4);
        assertThat(main).doesNotContain("$LATEST", "destination_arn = aws_lambda_function.forwarder.arn");
    }

    @Test
    void x86AndNoSnapStartOnRequest() {
        String main = TerraformRenderer.render(deployment(Requests.runningOn(Requests.datadog(), "x86_64", "false")))
                .get("main.tf");
        assertThat(main).contains("\"x86_64\"", "apply_on = \"None\"", "resource \"aws_lambda_alias\" \"live\"");
    }

    @Test
    void subscriptionsWaitForTheirPermissionsWhichCarrySourceArnAndAccount() {
        String main = SPLUNK.get("main.tf");
        assertThat(main).contains("resource \"aws_cloudwatch_log_subscription_filter\" \"app\"",
                "depends_on = [\n    aws_lambda_permission.logs,\n  ]",
                "source_arn = \"${data.aws_cloudwatch_log_group.app[each.key].arn}:*\"",
                "source_account = data.aws_caller_identity.current.account_id",
                "sqs_managed_sse_enabled = true", "pattern = \"{ $.msg = \\\"Login failed\\\" }\"",
                "resource \"aws_lambda_function_event_invoke_config\"", "resource \"aws_cloudwatch_query_definition\"",
                "input = \"{\\\"medplumLogs\\\":\\\"redrive\\\"}\"");
        assertThat(main).doesNotContain("\"*\"", ":*\",\n", "dead_letter_config");
        assertThat(main.split("resource \"aws_cloudwatch_metric_alarm\"", -1)).hasSize(10);
    }

    @Test
    void templateSequencesAreEscaped() {
        assertThat(Hcl.quote("${var.x} %{if} $5 \"q\"\n")).isEqualTo("\"$${var.x} %%{if} $5 \\\"q\\\"\\n\"");
    }

    @Test
    void existingSecretNeedsNoVariable() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-AbCdEf";
        Map<String, String> files = TerraformRenderer.render(deployment(request("datadog", "/ecs/a", arn, null,
                Map.of())));
        assertThat(files.get("variables.tf")).doesNotContain("vendor_credential");
        assertThat(files.get("main.tf")).contains("MEDPLUM_LOGS_SECRET_ARN = \"" + arn + "\"")
                .doesNotContain("aws_secretsmanager_secret\"");
    }

    /**
     * generate.adoc: every role that reads a secret given by ARN is granted the ARN and the ARN followed by
     * {@code -??????}, so that a partial ARN reads the secret too (IAM matches the grant against the full ARN).
     */
    @Test
    void everyRoleThatReadsAnExistingSecretIsGrantedItsFullArnAlsoWhenGivenPartially() {
        String partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-secret";
        java.util.regex.Pattern grant = java.util.regex.Pattern.compile(
                "\"secretsmanager:GetSecretValue\",\\s*\\]\\s*Resource = (\\[[^\\]]*\\]|\\S+)");
        for (String vendor : new String[] { "datadog", "splunk" }) {
            for (String transport : new String[] { "lambda", "firehose" }) {
                String main = TerraformRenderer.render(deployment(request(vendor, "/ecs/a", partial,
                        "https://hec.example.com", Map.of()).withTransport(transport))).get("main.tf");
                java.util.regex.Matcher statement = grant.matcher(main);
                int statements = 0;
                while (statement.find()) {
                    statements++;
                    List<String> resources = java.util.regex.Pattern.compile("\"([^\"]*)\"")
                            .matcher(statement.group(1)).results().map(m -> m.group(1)).toList();
                    assertThat(resources).as(vendor + " over " + transport + ": " + statement.group())
                            .anySatisfy(r -> assertThat(IamGlob.matches(r, partial + IamGlob.RANDOM_SUFFIX)).isTrue())
                            .allSatisfy(r -> assertThat(r).startsWith(partial));
                }
                assertThat(statements).as(vendor + " over " + transport).isPositive();
            }
        }
    }

    @Test
    void invocationsLambdaGivesUpOnGoToAnEncryptedWatchedQueue() {
        String main = SPLUNK.get("main.tf");
        assertThat(main).contains("""
                resource "aws_lambda_function_event_invoke_config" "forwarder" {
                  function_name = aws_lambda_function.forwarder.function_name
                  qualifier = aws_lambda_alias.live.name
                  maximum_retry_attempts = 2
                  maximum_event_age_in_seconds = 21600
                  destination_config {
                    on_failure {
                      destination = aws_sqs_queue.on_failure.arn
                    }
                  }
                }""", """
                resource "aws_sqs_queue" "on_failure" {
                  name = "medplum-logs-splunk-on-failure"
                  sqs_managed_sse_enabled = true
                  message_retention_seconds = 1209600
                  max_message_size = 1048576""",
                ForwarderContract.ENV_ON_FAILURE_QUEUE_URL + " = aws_sqs_queue.on_failure.url",
                "alarm_name = \"medplum-logs-splunk-on-failure-not-empty\"",
                "QueueName = aws_sqs_queue.on_failure.name",
                "alarm_name = \"medplum-logs-splunk-on-failure-delivery-failures\"",
                "metric_name = \"DestinationDeliveryFailures\"");
        assertThat(main).containsPattern("Action = \\[\\s*\"sqs:SendMessage\",\\s*\"sqs:ReceiveMessage\",\\s*"
                + "\"sqs:DeleteMessage\",\\s*\\]\\s*Resource = aws_sqs_queue.on_failure.arn");
    }

    @Test
    void destroyingKeepsUndeliveredLogs() {
        String main = SPLUNK.get("main.tf");
        for (String kept : new String[] {"aws_sqs_queue\" \"dlq", "aws_sqs_queue\" \"on_failure",
                "aws_cloudwatch_log_group\" \"forwarder"}) {
            String block = main.substring(main.indexOf(kept), main.indexOf("\n}\n", main.indexOf(kept)));
            assertThat(block).as(kept).contains("lifecycle {\n    prevent_destroy = true\n  }");
        }
    }

    @Test
    void deadLetteredChunksRaiseAnAlarmOnTheForwardersOwnMetric() {
        assertThat(SPLUNK.get("main.tf")).contains(alarmAboveZeroOn(ForwarderMetrics.CHUNKS_DEAD_LETTERED));
    }

    /** A failed redrive delete means a duplicate at the vendor that only these metrics tell of. */
    @Test
    void duplicatesComingFromAFailedRedriveDeleteRaiseAnAlarm() {
        for (String metric : List.of(ForwarderMetrics.REDRIVE_REDELIVERED_NOT_DELETED,
                ForwarderMetrics.INVOCATIONS_RECOVERED_NOT_DELETED, ForwarderMetrics.ENTRIES_TRUNCATED)) {
            assertThat(SPLUNK.get("main.tf")).as(metric).contains(alarmAboveZeroOn(metric));
        }
    }

    /** The body of an alarm on one of the forwarder's own metrics of the Splunk deployment, summed, above 0. */
    private static String alarmAboveZeroOn(String metric) {
        return """
                  namespace = "%s"
                  metric_name = "%s"
                  dimensions = {
                    %s = aws_lambda_function.forwarder.function_name
                    %s = "splunk"
                  }
                  statistic = "Sum"
                  period = 300
                  evaluation_periods = 1
                  threshold = 0
                  comparison_operator = "GreaterThanThreshold"
                """.formatted(ForwarderMetrics.NAMESPACE, metric, ForwarderMetrics.DIMENSION_FUNCTION,
                ForwarderMetrics.DIMENSION_VENDOR);
    }

    /** The same alarms as CloudFormation's: nine with lambda, five with firehose, alike in window and topic. */
    @Test
    void everyAlarmWatchesFiveMinutesTreatsMissingDataAsFineAndNotifiesTheTopic() {
        for (var request : List.of(Requests.alarming(Requests.datadog(), "ops@example.com"),
                Requests.alarming(Requests.datadog(), "ops@example.com").withTransport("firehose"))) {
            String main = TerraformRenderer.render(deployment(request)).get("main.tf");
            List<String> alarms = java.util.Arrays.stream(main.split("\n}\n"))
                    .filter(block -> block.contains("resource \"aws_cloudwatch_metric_alarm\"")).toList();
            assertThat(alarms).hasSize("firehose".equals(request.transport()) ? 6 : 9).allSatisfy(alarm -> assertThat(
                    alarm).contains("period = 300", "evaluation_periods = 1", "treat_missing_data = \"notBreaching\"",
                    "alarm_actions = [\n    aws_sns_topic.alarms.arn,\n  ]"));
            assertThat(main).contains("protocol = \"email\"", "endpoint = \"ops@example.com\"");
        }
    }

    @Test
    void creatingTheSecretIsAnOptInThatWarnsAboutState() {
        Map<String, String> files = TerraformRenderer.render(deployment(Requests.creatingTheSecret(
                Requests.datadog())));
        assertThat(files.get("variables.tf")).contains("variable \"vendor_credential\"", "sensitive = true",
                "Terraform state");
        assertThat(files.get("main.tf")).contains("secret_string = var.vendor_credential",
                "MEDPLUM_LOGS_SECRET_ARN = aws_secretsmanager_secret.credential.arn");
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        assertThat(TerraformRenderer.render(deployment(Requests.datadog())))
                .isEqualTo(TerraformRenderer.render(deployment(Requests.datadog())));
    }

    @Test
    void splunkEndpointAndFilterPatternWithAnExistingSecret() {
        Map<String, String> files = TerraformRenderer.render(deployment(Requests.splunkWithItsSettings()));
        assertThat(files.get("main.tf")).contains(
                "MEDPLUM_LOGS_ENDPOINT = \"https://http-inputs-example.splunkcloud.com\"",
                "filter_pattern = \"{ $.level = \\\"ERROR\\\" || $.msg = \\\"Request served\\\" }\"");
        assertThat(files.get("variables.tf")).doesNotContain("vendor_credential");
    }

    @Test
    void sumoLogicMemoryIsTheVariablesDefault() {
        Map<String, String> files = TerraformRenderer.render(deployment(Requests.sumoLogicSized()));
        assertThat(files.get("variables.tf")).contains("default = 2048");
    }

    @Test
    void starWithLambdaIsOneAccountPolicyToTheAliasAllowedForEveryLogGroupOfTheAccount() {
        String main = TerraformRenderer.render(deployment(request("datadog", "*", Requests.SECRET_ARN, null,
                Map.of()))).get("main.tf");
        assertThat(main).contains("resource \"aws_cloudwatch_log_account_policy\" \"subscription\" {\n"
                        + "  policy_name = \"medplum-logs-datadog\"\n"
                        + "  policy_type = \"SUBSCRIPTION_FILTER_POLICY\"\n"
                        + "  scope = \"ALL\"\n"
                        + "  selection_criteria = \"LogGroupName NOT IN [\\\"/aws/lambda/medplum-logs-datadog\\\"]\"\n",
                "DestinationArn = aws_lambda_alias.live.arn", "Distribution = \"Random\"",
                "depends_on = [\n    aws_lambda_permission.logs,\n  ]",
                "source_arn = \"arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}"
                        + ":${data.aws_caller_identity.current.account_id}:log-group:*\"",
                "source_account = data.aws_caller_identity.current.account_id");
        assertThat(main).doesNotContain("aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_metric_filter",
                "failed-login-spike", "data \"aws_cloudwatch_log_group\"", "log_group_names", "RoleArn");
    }

    @Test
    void starWithFirehoseIsOneAccountPolicyToTheStreamThatLeavesOutBothOwnLogGroups() {
        String main = TerraformRenderer.render(deployment(request("datadog", "*", Requests.SECRET_ARN, null,
                Map.of()).withTransport("firehose"))).get("main.tf");
        assertThat(main).contains("resource \"aws_cloudwatch_log_account_policy\" \"subscription\"",
                "selection_criteria = \"LogGroupName NOT IN [\\\"/aws/lambda/medplum-logs-datadog\\\","
                        + " \\\"/aws/kinesisfirehose/medplum-logs-datadog\\\"]\"",
                "DestinationArn = aws_kinesis_firehose_delivery_stream.vendor.arn",
                "RoleArn = aws_iam_role.logs.arn", "depends_on = [\n    aws_iam_role_policy.logs,\n  ]");
        assertThat(main).doesNotContain("aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_metric_filter",
                "aws_lambda_permission");
    }
}
