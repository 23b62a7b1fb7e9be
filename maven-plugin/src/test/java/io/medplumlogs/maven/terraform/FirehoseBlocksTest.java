package io.medplumlogs.maven.terraform;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.maven.GenerateRequest;
import io.medplumlogs.maven.Requests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transport {@code firehose} in the Terraform module, per vendor. */
class FirehoseBlocksTest {

    private static String main(GenerateRequest request) {
        return TerraformRenderer.render(deployment(request)).get("main.tf");
    }

    private static GenerateRequest firehose(String vendor, String secretArn, String hecUrl) {
        return request(vendor, "/ecs/a,/ecs/b", secretArn, hecUrl, Map.of()).withTransport("firehose");
    }

    @Test
    void datadogStreamReadsTheKeyFromSecretsManagerAndTransformsWithTheForwarderCode() {
        String main = main(firehose("datadog", Requests.SECRET_ARN, null));
        assertThat(main).contains("resource \"aws_kinesis_firehose_delivery_stream\" \"vendor\"",
                "destination = \"http_endpoint\"",
                "url = \"https://aws-kinesis-http-intake.logs.datadoghq.com/v1/input\"",
                "secrets_manager_configuration {", "secret_arn = \"" + Requests.SECRET_ARN + "\"",
                "s3_backup_mode = \"FailedDataOnly\"", "content_encoding = \"GZIP\"",
                "handler = \"" + ForwarderContract.FIREHOSE_TRANSFORM_HANDLER + "\"",
                "parameter_value = \"${aws_lambda_function.forwarder.arn}:$LATEST\"",
                "destination_arn = aws_kinesis_firehose_delivery_stream.vendor.arn",
                "role_arn = aws_iam_role.logs.arn", "\"aws:SourceArn\"", "\"aws:SourceAccount\"",
                "\"sts:ExternalId\"", "sse_algorithm = \"AES256\"", "restrict_public_buckets = true",
                "days = 14", "\"aws:SecureTransport\" = \"false\"");
        assertThat(main).doesNotContain("access_key", "aws_sqs_queue", "aws_lambda_permission",
                ForwarderContract.ENV_DLQ_URL, "aws_lambda_function_event_invoke_config");
    }

    /**
     * Firehose invokes the transformation function's $LATEST, and CloudFormation's transformation function has no
     * SnapStart: the Terraform module must create the same function, not publish a version (and wait for its SnapStart
     * snapshot, a minute or two) on every apply for a version nothing invokes.
     */
    @Test
    void theTransformationFunctionIsNeitherPublishedNorSnapStartedLikeCloudFormations() {
        for (String snapStart : new String[] { null, "true" }) {
            String main = main(Requests.runningOn(firehose("datadog", Requests.SECRET_ARN, null), null, snapStart));
            String function = main.substring(main.indexOf("resource \"aws_lambda_function\" \"forwarder\""));
            function = function.substring(0, function.indexOf("\n}\n"));
            assertThat(function).contains("handler = \"" + ForwarderContract.FIREHOSE_TRANSFORM_HANDLER + "\"")
                    .doesNotContain("publish", "snap_start");
        }
    }

    /** S3's naming rules and Terraform's 37-character bucket_prefix, whatever the function is called. */
    @Test
    void theBackupBucketPrefixIsAValidS3PrefixForAnyFunctionName() {
        GenerateRequest r = firehose("datadog", Requests.SECRET_ARN, null);
        for (String name : new String[] { "Fhir_API_Forwarder_" + "X".repeat(37), "-lead", "medplum-logs-datadog",
                "xn--api", "sthree-logs" }) {
            GenerateRequest named = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false,
                    r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), name, r.memoryMb(), r.timeoutSeconds(),
                    r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                    r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(), r.architecture(),
                    r.snapStart(), Map.of(), r.forwarderVersion(), "firehose");
            java.util.regex.Matcher prefix = java.util.regex.Pattern.compile("bucket_prefix = \"([^\"]*)\"")
                    .matcher(main(named));
            assertThat(prefix.find()).isTrue();
            assertThat(prefix.group(1)).hasSizeLessThanOrEqualTo(37).matches("[a-z0-9][a-z0-9-]*-failed-")
                    .doesNotStartWith("xn--").doesNotStartWith("sthree-");
        }
    }

    @Test
    void splunkUsesTheNativeDestination() {
        String main = main(firehose("splunk", Requests.SECRET_ARN, "https://hec.example.com:443"));
        assertThat(main).contains("destination = \"splunk\"", "hec_endpoint = \"https://hec.example.com:443\"",
                "hec_endpoint_type = \"Event\"", "hec_acknowledgment_timeout = 180",
                "s3_backup_mode = \"FailedEventsOnly\"", "metric_name = \"DeliveryToSplunk.Success\"");
        assertThat(main).doesNotContain("hec_token");
    }

    @Test
    void createdSecretsHoldTheJsonFirehoseReadsAndSumoTakesItsUrlFromTheSecret() {
        assertThat(main(Requests.creatingTheSecret(firehose("datadog", null, null))))
                .contains("secret_string = jsonencode({\n    api_key = var.vendor_credential\n  })");
        assertThat(main(Requests.creatingTheSecret(firehose("sumologic", null, null))))
                .contains("url = var.vendor_credential").doesNotContain("secrets_manager_configuration");
        assertThat(main(firehose("sumologic", Requests.SECRET_ARN, null)))
                .contains("data \"aws_secretsmanager_secret_version\" \"sumologic_url\"",
                        "url = data.aws_secretsmanager_secret_version.sumologic_url.secret_string");
    }

    @Test
    void deterministic() {
        GenerateRequest r = firehose("splunk", Requests.SECRET_ARN, "https://hec.example.com:443");
        assertThat(TerraformRenderer.render(deployment(r))).isEqualTo(TerraformRenderer.render(deployment(r)));
    }
}
