package io.medplumlogs.maven.cloudformation;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.FirehoseDelivery;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.maven.GenerateRequest;
import io.medplumlogs.maven.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Transport {@code firehose} in the CloudFormation template, read back as YAML, per vendor. */
class FirehoseResourcesTest {

    private static final String HEC = "https://http-inputs-firehose-example.splunkcloud.com:443";

    private static GenerateRequest firehose(String vendor, String hecUrl, Map<String, String> settings) {
        return request(vendor, "/ecs/a,/ecs/b", Requests.SECRET_ARN, hecUrl, settings).withTransport("firehose");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(GenerateRequest request) {
        Map<String, Object> t = new Yaml().load(CloudFormationRenderer.render(deployment(request)));
        return (Map<String, Object>) t.get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return (Map<String, Object>) current;
    }

    private static List<?> typed(Map<String, Object> resources, String type) {
        return resources.values().stream().filter(r -> type.equals(((Map<?, ?>) r).get("Type"))).toList();
    }

    @Test
    void datadogGetsItsSitesFirehoseIntakeWithTheKeyFromSecretsManager() {
        GenerateRequest r = firehose("datadog", null, Map.of("medplum-logs.datadog.service", "fhir-api"));
        r = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                "datadoghq.eu", null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(),
                r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, null, null, null, null,
                r.vendorSettings(), r.forwarderVersion(), "firehose");
        Map<String, Object> resources = resources(r);
        Map<String, Object> http = at(resources, "DeliveryStream", "Properties", "HttpEndpointDestinationConfiguration");
        assertThat(at(http, "EndpointConfiguration")).containsEntry("Url",
                "https://aws-kinesis-http-intake.logs.datadoghq.eu/v1/input").doesNotContainKey("AccessKey");
        assertThat(at(http, "SecretsManagerConfiguration")).containsEntry("Enabled", true)
                .containsEntry("SecretARN", Requests.SECRET_ARN);
        assertThat(http).containsEntry("S3BackupMode", "FailedDataOnly")
                .containsEntry("BufferingHints", Map.of("IntervalInSeconds", 60, "SizeInMBs", 2))
                .containsEntry("RetryOptions", Map.of("DurationInSeconds", 300))
                .containsEntry("RequestConfiguration", Map.of("ContentEncoding", "GZIP"));
        assertTransformedByTheForwarderCode(resources, http);
        assertThat(at(resources, "ForwarderFunction", "Properties", "Environment", "Variables"))
                .containsEntry("MEDPLUM_LOGS_DATADOG_SERVICE", "fhir-api")
                .containsEntry("MEDPLUM_LOGS_DATADOG_SITE", "datadoghq.eu");
    }

    @Test
    void splunkUsesTheNativeDestinationWithIndexerAcknowledgement() {
        Map<String, Object> resources = resources(firehose("splunk", HEC, Map.of("medplum-logs.splunk.index", "fhir")));
        Map<String, Object> splunk = at(resources, "DeliveryStream", "Properties", "SplunkDestinationConfiguration");
        assertThat(splunk).containsEntry("HECEndpoint", HEC).containsEntry("HECEndpointType", "Event")
                .containsEntry("HECAcknowledgmentTimeoutInSeconds", FirehoseDelivery.SPLUNK_ACK_TIMEOUT_SECONDS)
                .containsEntry("S3BackupMode", "FailedEventsOnly").doesNotContainKey("HECToken");
        assertThat(at(splunk, "SecretsManagerConfiguration")).containsEntry("SecretARN", Requests.SECRET_ARN);
        assertTransformedByTheForwarderCode(resources, splunk);
        assertThat(at(resources, "ForwarderFunction", "Properties", "Environment", "Variables"))
                .containsEntry("MEDPLUM_LOGS_SPLUNK_INDEX", "fhir");
    }

    @Test
    void sumoLogicsUrlIsResolvedFromTheSecretAtDeployTime() {
        Map<String, Object> resources = resources(firehose("sumologic", null, Map.of()));
        Map<String, Object> http = at(resources, "DeliveryStream", "Properties", "HttpEndpointDestinationConfiguration");
        assertThat(at(http, "EndpointConfiguration")).containsEntry("Url",
                "{{resolve:secretsmanager:" + Requests.SECRET_ARN + ":SecretString}}");
        assertThat(http).doesNotContainKey("SecretsManagerConfiguration");
        assertTransformedByTheForwarderCode(resources, http);
    }

    @Test
    void aCreatedSecretHoldsTheJsonFirehoseReads() {
        Map<String, Object> t = new Yaml().load(CloudFormationRenderer.render(deployment(Requests.creatingTheSecret(
                firehose("datadog", null, Map.of())))));
        assertThat(at(t, "Resources", "VendorSecret", "Properties")).containsEntry("SecretString",
                Map.of("Fn::Sub", "{\"api_key\":\"${VendorCredential}\"}"));
        assertThat(at(t, "Parameters", "VendorCredential")).containsEntry("NoEcho", true)
                .containsEntry("AllowedPattern", "[^\"\\\\]+");
    }

    @Test
    void failedRecordsGoToAPrivateEncryptedExpiringBucketThatOutlivesTheStack() {
        Map<String, Object> resources = resources(firehose("datadog", null, Map.of()));
        Map<String, Object> bucket = at(resources, "BackupBucket");
        assertThat(bucket).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        Map<String, Object> p = at(bucket, "Properties");
        assertThat(p.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(p.get("BucketEncryption").toString()).contains("SSEAlgorithm=AES256");
        assertThat(p.get("LifecycleConfiguration").toString()).contains("ExpirationInDays="
                + FirehoseDelivery.BACKUP_EXPIRATION_DAYS, "Status=Enabled");
        assertThat(at(resources, "BackupBucketPolicy", "Properties").toString()).contains("aws:SecureTransport=false",
                "Effect=Deny");
    }

    @Test
    void cloudWatchLogsPutsRecordsWithARoleBoundToThisAccountsLogGroups() {
        Map<String, Object> resources = resources(firehose("datadog", null, Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> trust = (Map<String, Object>) ((List<?>) at(resources, "LogsToFirehoseRole", "Properties",
                "AssumeRolePolicyDocument").get("Statement")).get(0);
        assertThat(trust).containsEntry("Principal", Map.of("Service", "logs.amazonaws.com"))
                .containsEntry("Condition", Map.of(
                        "StringLike", Map.of("aws:SourceArn", Map.of("Fn::Sub",
                                "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*")),
                        "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))));
        assertThat(typed(resources, "AWS::Logs::SubscriptionFilter")).hasSize(2).allSatisfy(f -> {
            assertThat(at(f, "Properties")).containsEntry("DestinationArn", Map.of("Fn::GetAtt",
                    List.of("DeliveryStream", "Arn"))).containsEntry("RoleArn", Map.of("Fn::GetAtt",
                    List.of("LogsToFirehoseRole", "Arn")));
        });
        assertThat(at(resources, "FirehoseRole", "Properties").toString()).contains("sts:ExternalId")
                .doesNotContain("Action=*");
    }

    @Test
    void noLambdaPathResourcesAndAlarmsOnFailuresAndBackups() {
        Map<String, Object> resources = resources(firehose("splunk", HEC, Map.of()));
        assertThat(typed(resources, "AWS::SQS::Queue")).isEmpty();
        assertThat(typed(resources, "AWS::Lambda::Permission")).isEmpty();
        assertThat(typed(resources, "AWS::Lambda::EventInvokeConfig")).isEmpty();
        assertThat(at(resources, "DeliveryFailuresAlarm", "Properties")).containsEntry("Namespace", "AWS/Firehose")
                .containsEntry("MetricName", "DeliveryToSplunk.Success").containsEntry("Statistic", "Minimum")
                .containsEntry("ComparisonOperator", "LessThanThreshold");
        assertThat(at(resources, "BackupBucketDataAlarm", "Properties"))
                .containsEntry("MetricName", "DeliveryToS3.Records").containsEntry("Threshold", 0);
        assertThat(at(resources, "TransformFailuresAlarm", "Properties"))
                .containsEntry("MetricName", "ExecuteProcessing.Success");
        assertThat(resources).containsKeys("FailedLoginSpikeAlarm", "QueryOneTrace");
    }

    @Test
    void deterministic() {
        GenerateRequest r = firehose("sumologic", null, Map.of());
        assertThat(CloudFormationRenderer.render(deployment(r))).isEqualTo(CloudFormationRenderer.render(deployment(r)));
    }

    private static void assertTransformedByTheForwarderCode(Map<String, Object> resources,
            Map<String, Object> destination) {
        assertThat(at(resources, "ForwarderFunction", "Properties"))
                .containsEntry("Handler", ForwarderContract.FIREHOSE_TRANSFORM_HANDLER)
                .containsEntry("Code", "../medplum-logs-forwarder-1.2.3-lambda.zip");
        assertThat(at(resources, "ForwarderFunction", "Properties", "Environment", "Variables"))
                .doesNotContainKeys(ForwarderContract.ENV_DLQ_URL, ForwarderContract.ENV_SECRET_ARN);
        assertThat(at(destination, "ProcessingConfiguration").toString()).contains("Type=Lambda",
                "ParameterName=LambdaArn, ParameterValue={Fn::GetAtt=[ForwarderFunction, Arn]}");
        assertThat(at(destination, "S3Configuration")).containsEntry("BucketARN",
                Map.of("Fn::GetAtt", List.of("BackupBucket", "Arn")));
    }
}
