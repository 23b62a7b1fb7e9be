package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc, Output: {@code terraform/} holds "the same resources as a Terraform module". For every vendor, both
 * transports, one, three and all ({@code *}) log groups, with and without a created secret and topic, each
 * CloudFormation type has as many Terraform counterparts (a {@code for_each} block counted once per group), so a
 * resource added to one renderer only fails here. What differs by design is left out: CloudFormation's explicit
 * {@code AWS::Lambda::Version} (Terraform: {@code publish = true}), Terraform's separate policy, secret-version,
 * topic-subscription, event-target and bucket-setting resources (CloudFormation: properties of their owner).
 */
class FormatParityTest {

    private static final Map<String, String> COUNTERPART = Map.ofEntries(
            Map.entry("AWS::Logs::LogGroup", "aws_cloudwatch_log_group"),
            Map.entry("AWS::Logs::LogStream", "aws_cloudwatch_log_stream"),
            Map.entry("AWS::SQS::Queue", "aws_sqs_queue"),
            Map.entry("AWS::SecretsManager::Secret", "aws_secretsmanager_secret"),
            Map.entry("AWS::IAM::Role", "aws_iam_role"),
            Map.entry("AWS::Lambda::Function", "aws_lambda_function"),
            Map.entry("AWS::Lambda::Alias", "aws_lambda_alias"),
            Map.entry("AWS::Lambda::EventInvokeConfig", "aws_lambda_function_event_invoke_config"),
            Map.entry("AWS::Lambda::Permission", "aws_lambda_permission"),
            Map.entry("AWS::Logs::SubscriptionFilter", "aws_cloudwatch_log_subscription_filter"),
            Map.entry("AWS::Logs::MetricFilter", "aws_cloudwatch_log_metric_filter"),
            Map.entry("AWS::Logs::AccountPolicy", "aws_cloudwatch_log_account_policy"),
            Map.entry("AWS::Logs::QueryDefinition", "aws_cloudwatch_query_definition"),
            Map.entry("AWS::Events::Rule", "aws_cloudwatch_event_rule"),
            Map.entry("AWS::SNS::Topic", "aws_sns_topic"),
            Map.entry("AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm"),
            Map.entry("AWS::S3::Bucket", "aws_s3_bucket"),
            Map.entry("AWS::S3::BucketPolicy", "aws_s3_bucket_policy"),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", "aws_kinesis_firehose_delivery_stream"));
    private static final List<String> CFN_ONLY = List.of("AWS::Lambda::Version");

    @Test
    @SuppressWarnings("unchecked")
    void bothFormatsCreateTheSameResources() {
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                for (String groups : List.of("/ecs/a", "/ecs/a,/ecs/b,/ecs/c", "*")) {
                    for (boolean optional : new boolean[] { false, true }) {
                        GenerateRequest r = Requests.request(vendor, groups, Requests.SECRET_ARN,
                                "https://hec.example.com:443", Map.of());
                        if (optional) {
                            r = Requests.alarming(Requests.creatingTheSecret(r), "ops@example.com");
                        }
                        ForwarderDeployment d = deployment(r.withTransport(transport));
                        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                                .load(CloudFormationRenderer.render(d))).get("Resources");
                        Map<String, Integer> cfn = new TreeMap<>();
                        resources.values().forEach(res -> {
                            String type = (String) ((Map<String, Object>) res).get("Type");
                            if (!CFN_ONLY.contains(type)) {
                                assertThat(COUNTERPART).as("a Terraform counterpart of " + type).containsKey(type);
                                cfn.merge(COUNTERPART.get(type), 1, Integer::sum);
                            }
                        });
                        Map<String, Integer> tf = new TreeMap<>();
                        Matcher block = Pattern.compile("(?ms)^resource \"([a-z0-9_]+)\" \"[a-z0-9_]+\" \\{\\n(.*?)^\\}")
                                .matcher(TerraformRenderer.render(d).get("main.tf"));
                        while (block.find()) {
                            if (COUNTERPART.containsValue(block.group(1))) {
                                int each = block.group(2).contains("for_each = local.log_groups")
                                        ? d.logGroups().size() : 1;
                                tf.merge(block.group(1), each, Integer::sum);
                            }
                        }
                        assertThat(tf).as(vendor + " over " + transport + ", groups " + groups + ", optional "
                                + optional).isEqualTo(cfn);
                    }
                }
            }
        }
    }
}
