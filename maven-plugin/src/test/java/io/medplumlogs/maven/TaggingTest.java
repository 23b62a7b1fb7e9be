package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc, {@code medplum-logs.tags}: "tags for the created resources". Every resource of a type AWS can tag
 * carries them, in both formats and both transports, with every optional resource present (created secret and
 * topic, Splunk over Firehose with its secret read by Firehose). The lists below are the types that cannot be tagged
 * (cfn-lint 1.51.0's provider schemas, {@code tagging.taggable: false}; the Terraform AWS provider's resources without
 * a {@code tags} argument): any other type, also one added later, must carry the tags.
 */
class TaggingTest {

    private static final String TAGS = "team=core,cost-center=fhir 42";
    private static final Set<Map<String, String>> CFN_TAGS = Set.of(Map.of("Key", "team", "Value", "core"),
            Map.of("Key", "cost-center", "Value", "fhir 42"));

    private static final Set<String> CFN_NOT_TAGGABLE = Set.of("AWS::Lambda::Alias", "AWS::Lambda::EventInvokeConfig",
            "AWS::Lambda::Permission", "AWS::Lambda::Version", "AWS::Logs::AccountPolicy", "AWS::Logs::LogStream",
            "AWS::Logs::MetricFilter", "AWS::Logs::QueryDefinition", "AWS::Logs::SubscriptionFilter",
            "AWS::S3::BucketPolicy");

    private static final Set<String> TF_NOT_TAGGABLE = Set.of("aws_lambda_alias",
            "aws_lambda_function_event_invoke_config", "aws_lambda_permission", "aws_iam_role_policy",
            "aws_cloudwatch_log_account_policy", "aws_cloudwatch_log_stream", "aws_cloudwatch_log_metric_filter",
            "aws_cloudwatch_query_definition", "aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_event_target",
            "aws_sns_topic_subscription", "aws_secretsmanager_secret_version", "aws_s3_bucket_policy",
            "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration");

    private static List<GenerateRequest> everyShape() {
        List<GenerateRequest> requests = new ArrayList<>();
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                GenerateRequest r = Requests.request(vendor, "/ecs/a,/ecs/b", null,
                        "https://hec.example.com:443", Map.of());
                requests.add(Requests.tagged(Requests.alarming(Requests.creatingTheSecret(r), "ops@example.com"),
                        TAGS).withTransport(transport));
            }
        }
        return requests;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTaggableCloudFormationResourceCarriesTheTags() {
        for (GenerateRequest r : everyShape()) {
            Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                    .load(CloudFormationRenderer.render(deployment(r)))).get("Resources");
            List<String> untagged = new ArrayList<>();
            resources.forEach((id, resource) -> {
                String type = (String) ((Map<String, Object>) resource).get("Type");
                Object tags = ((Map<String, Object>) ((Map<String, Object>) resource).get("Properties")).get("Tags");
                if (!CFN_NOT_TAGGABLE.contains(type) && !(tags instanceof List<?> list && CFN_TAGS.equals(Set.copyOf(list)))) {
                    untagged.add(id + " (" + type + ")");
                }
            });
            assertThat(untagged).as("CloudFormation, " + r.vendor() + " over " + r.transport()
                    + ": taggable resources without the tags").isEmpty();
        }
    }

    @Test
    void everyTaggableTerraformResourceCarriesTheTags() {
        Pattern block = Pattern.compile("(?m)^resource \"([a-z0-9_]+)\" \"([a-z0-9_]+)\" \\{\\n(.*?)^\\}",
                Pattern.DOTALL);
        for (GenerateRequest r : everyShape()) {
            String main = TerraformRenderer.render(deployment(r)).get("main.tf");
            assertThat(main).contains("team = \"core\"").contains("cost-center = \"fhir 42\"");
            List<String> untagged = new ArrayList<>();
            Matcher m = block.matcher(main);
            while (m.find()) {
                if (!TF_NOT_TAGGABLE.contains(m.group(1))
                        && !Pattern.compile("(?m)^  tags +=\\s*local\\.tags$").matcher(m.group(3)).find()) {
                    untagged.add(m.group(1) + "." + m.group(2));
                }
            }
            assertThat(untagged).as("Terraform, " + r.vendor() + " over " + r.transport()
                    + ": taggable resources without the tags").isEmpty();
        }
    }
}
