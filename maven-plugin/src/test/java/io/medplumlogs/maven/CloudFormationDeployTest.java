package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.maven.model.AppLogGroup;
import io.medplumlogs.maven.model.ResourcePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated CloudFormation as AWS's own tools see it: {@code cfn-lint} over the packaged template must find no
 * error, and the template deploys into {@code moto_server}, where the resources are read back through the service
 * APIs. Types moto's CloudFormation skips (alarms, subscription and metric filters, the event invoke config, the
 * secret) are created through moto's service APIs from the template's own properties by
 * {@code src/test/python/deploy_into_moto.py}. Without python3, cfn-lint, moto or boto3 the tests are skipped.
 */
class CloudFormationDeployTest {

    private static final String INSTALL = "python3 -m pip install 'cfn-lint==1.51.0' 'moto[server]==5.2.1' boto3";
    private static final Path SCRIPT = Path.of("src/test/python/deploy_into_moto.py");
    private static final Path WORK = Path.of("target/moto-stacks");

    private static MotoServer moto;
    private static String endpoint;
    private static String missing;

    @BeforeAll
    static void startMoto() throws Exception {
        missing = missingTools();
        if (missing != null) {
            System.err.println(missing);
            return;
        }
        Files.createDirectories(WORK);
        moto = MotoServer.start(WORK.resolve("moto_server.log"));
        endpoint = moto.endpoint();
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void resetMoto() throws Exception {
        // per test, so that each one is reported as skipped with what to install
        Assumptions.assumeTrue(missing == null, missing);
        moto.reset();
    }

    @Test
    void datadogWithAnExistingSecretAndAnAlarmTopicItCreates() throws Exception {
        GenerateRequest r = Requests.request("datadog", "/ecs/my-fhir-api,/ecs/my-fhir-worker", Requests.SECRET_ARN,
                null, Map.of("medplum-logs.datadog.service", "fhir-api"));
        r = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                "datadoghq.eu", null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null,
                "ops@example.com", "team=platform,env=prod", null, null, r.vendorSettings(), r.forwarderVersion());
        Map<String, Object> report = deploy(r, Map.of());
        assertDeployed(report, "datadog", List.of("/ecs/my-fhir-api", "/ecs/my-fhir-worker"));
        // the generator's count of the alias' resource-based policy is never below what Lambda (here moto) stores
        assertThat(((Number) report.get("resourcePolicyBytes")).intValue()).isPositive()
                .isLessThanOrEqualTo(ResourcePolicy.bytes("medplum-logs-datadog",
                        List.of(AppLogGroup.of("/ecs/my-fhir-api"), AppLogGroup.of("/ecs/my-fhir-worker"))));
        assertThat(env(report)).containsEntry(ForwarderContract.ENV_SECRET_ARN, Requests.SECRET_ARN)
                .containsEntry(ForwarderContract.ENV_DATADOG_SITE, "datadoghq.eu")
                .containsEntry("MEDPLUM_LOGS_DATADOG_SERVICE", "fhir-api");
        assertThat((List<?>) report.get("secrets")).as("no secret is created by default").isEmpty();
    }

    @Test
    void splunkWithAnExistingSecretAndTopic() throws Exception {
        GenerateRequest r = Requests.request("splunk", "/ecs/my-fhir-api", Requests.SECRET_ARN,
                "https://http-inputs-example.splunkcloud.com", Map.of("medplum-logs.splunk.index", "fhir"));
        r = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false,
                "{ $.level = \"ERROR\" || $.msg = \"Request served\" }", r.datadogSite(), r.splunkHecUrl(), null,
                r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), "arn:aws:sns:eu-west-1:123456789012:ops-alarms", null,
                null, null, null, r.vendorSettings(), r.forwarderVersion());
        Map<String, Object> report = deploy(r, Map.of());
        assertDeployed(report, "splunk", List.of("/ecs/my-fhir-api"));
        assertThat(env(report)).containsEntry(ForwarderContract.ENV_SECRET_ARN, Requests.SECRET_ARN)
                .containsEntry(ForwarderContract.ENV_ENDPOINT, "https://http-inputs-example.splunkcloud.com");
        assertThat(alarm(report, "medplum-logs-splunk-chunks-dead-lettered").get("AlarmActions"))
                .isEqualTo(List.of("arn:aws:sns:eu-west-1:123456789012:ops-alarms"));
    }

    @Test
    void sumoLogicCreatingTheSecretOnRequest() throws Exception {
        String url = "https://collectors.example.com/receiver/v1/http/SECRETTOKEN";
        Map<String, Object> report = deploy(Requests.creatingTheSecret(Requests.request("sumologic", "/ecs/app",
                null, null, Map.of("medplum-logs.sumologic.category", "prod/fhir"))), Map.of("VendorCredential", url));
        assertDeployed(report, "sumologic", List.of("/ecs/app"));
        String secretArn = (String) env(report).get(ForwarderContract.ENV_SECRET_ARN);
        assertThat(report.get("secrets")).isEqualTo(List.of(secretArn));
        assertThat(report.get("secretValue")).isEqualTo(url);
        assertThat(statements(report)).anySatisfy(s -> assertThat(s).containsEntry("Resource", secretArn)
                .containsEntry("Action", ForwarderContract.SECRET_IAM_ACTIONS));
    }

    @Test
    void datadogOverFirehose() throws Exception {
        GenerateRequest r = Requests.request("datadog", "/ecs/my-fhir-api,/ecs/my-fhir-worker", Requests.SECRET_ARN,
                null, Map.of("medplum-logs.datadog.service", "fhir-api")).withTransport("firehose");
        Map<String, Object> report = deploy(r, Map.of());
        Map<String, Object> http = assertFirehoseDeployed(report, "datadog",
                List.of("/ecs/my-fhir-api", "/ecs/my-fhir-worker"), "HttpEndpointDestinationDescription");
        assertThat(map(http.get("EndpointConfiguration")))
                .containsEntry("Url", "https://aws-kinesis-http-intake.logs.datadoghq.com/v1/input");
        assertThat(map(http.get("SecretsManagerConfiguration"))).containsEntry("SecretARN", Requests.SECRET_ARN);
        assertThat(env(report)).containsEntry("MEDPLUM_LOGS_DATADOG_SERVICE", "fhir-api");
    }

    @Test
    void splunkOverFirehose() throws Exception {
        GenerateRequest r = Requests.request("splunk", "/ecs/my-fhir-api", Requests.SECRET_ARN,
                "https://http-inputs-firehose-example.splunkcloud.com:443", Map.of()).withTransport("firehose");
        Map<String, Object> splunk = assertFirehoseDeployed(deploy(r, Map.of()), "splunk", List.of("/ecs/my-fhir-api"),
                "SplunkDestinationDescription");
        assertThat(splunk).containsEntry("HECEndpoint", "https://http-inputs-firehose-example.splunkcloud.com:443")
                .containsEntry("HECEndpointType", "Event").containsEntry("S3BackupMode", "FailedEventsOnly");
    }

    @Test
    void sumoLogicOverFirehoseCreatingTheSecret() throws Exception {
        String url = "https://endpoint1.collection.sumologic.com/receiver/v1/kinesis/log/SECRETTOKEN";
        GenerateRequest r = Requests.creatingTheSecret(Requests.request("sumologic", "/ecs/app", null, null, Map.of())
                .withTransport("firehose"));
        Map<String, Object> http = assertFirehoseDeployed(deploy(r, Map.of("VendorCredential", url)), "sumologic",
                List.of("/ecs/app"), "HttpEndpointDestinationDescription");
        // CloudFormation resolved the URL from the created secret; the template itself never held it
        assertThat(map(http.get("EndpointConfiguration"))).containsEntry("Url", url);
        assertThat(Files.readString(WORK.resolve("sumologic/sumologic/cloudformation/template.yaml")))
                .doesNotContain("SECRETTOKEN");
    }

    /**
     * Odd but legal values at their limits lint and deploy: a 56-character function name with '_' (the longest with
     * lambda; the queue and alarm names made from it), log groups with every character CloudWatch allows (. - _ / #)
     * and one of 512 characters, tags with non-ASCII letters, spaces and every allowed sign, a filter pattern with
     * quotes.
     */
    @Test
    void oddButLegalValuesAtTheirLimits() throws Exception {
        String fn = "Fhir_Logs_" + "x".repeat(46);
        String longGroup = "/aws/vendedlogs/a.b-c_d#e/" + "f".repeat(512 - "/aws/vendedlogs/a.b-c_d#e/".length());
        GenerateRequest r = Requests.filtering(Requests.request("datadog", "/ecs/fhir.api_v2#blue-1," + longGroup,
                Requests.SECRET_ARN, null, Map.of()), "{ $.level = \"ERROR\" || $.msg = \"Login failed\" }");
        r = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), null, fn, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(),
                r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, "ops@example.com",
                "\u00e9quipe=donn\u00e9es cl\u00e9s,Team=platform,cost-center=fhir:logs/1@x+y=z", null, null,
                r.vendorSettings(), r.forwarderVersion());
        Map<String, Object> report = deploy(r, Map.of());
        assertThat((List<?>) report.get("lintErrors")).as("cfn-lint errors").isEmpty();
        assertThat(map(report.get("function"))).containsEntry("FunctionName", fn);
        queue(report, fn + "-dlq");
        queue(report, fn + "-on-failure");
        String alias = (String) map(report.get("alias")).get("AliasArn");
        for (String group : List.of("/ecs/fhir.api_v2#blue-1", longGroup)) {
            assertThat((List<?>) map(report.get("subscriptionFilters")).get(group)).as(group).singleElement()
                    .satisfies(f -> assertThat(map(f)).containsEntry("destinationArn", alias)
                            .containsEntry("filterPattern", "{ $.level = \"ERROR\" || $.msg = \"Login failed\" }"));
        }
        assertThat(map(report.get("alarms"))).hasSize(9).containsKey(fn + "-invocations-recovered-not-deleted")
                .containsKey(fn + "-entries-truncated");
        assertThat(((Number) report.get("resourcePolicyBytes")).intValue()).isLessThanOrEqualTo(
                ResourcePolicy.bytes(fn, List.of(AppLogGroup.of("/ecs/fhir.api_v2#blue-1"), AppLogGroup.of(longGroup))));
    }

    /** {@code *}: the account policy is checked by cfn-lint only (moto has none); the rest deploys as usual. */
    @Test
    void wholeAccountOverLambda() throws Exception {
        Map<String, Object> report = deploy(Requests.request("datadog", "*", Requests.SECRET_ARN, null, Map.of()),
                Map.of());
        assertDeployed(report, "datadog", List.of());
        assertThat(map(report.get("subscriptionFilters")).values()).allSatisfy(f -> assertThat((List<?>) f).isEmpty());
        assertThat((List<?>) report.get("metricFilters")).isEmpty();
        assertThat((List<?>) report.get("permissions")).anySatisfy(s -> assertThat(s.toString())
                .contains("logs.amazonaws.com", ":log-group:*", "123456789012"));
    }

    @Test
    void wholeAccountOverFirehose() throws Exception {
        Map<String, Object> report = deploy(Requests.request("splunk", "*", Requests.SECRET_ARN,
                "https://http-inputs-firehose-example.splunkcloud.com:443", Map.of()).withTransport("firehose"), Map.of());
        assertFirehoseDeployed(report, "splunk", List.of(), "SplunkDestinationDescription");
        assertThat(map(report.get("subscriptionFilters")).values()).allSatisfy(f -> assertThat((List<?>) f).isEmpty());
        assertThat((List<?>) report.get("metricFilters")).isEmpty();
    }

    /** The stream, its backup bucket, both roles and the subscriptions, read back from moto's service APIs. */
    private static Map<String, Object> assertFirehoseDeployed(Map<String, Object> report, String vendor,
            List<String> appGroups, String destinationKey) {
        String name = "medplum-logs-" + vendor;
        assertThat((List<?>) report.get("lintErrors")).as("cfn-lint errors").isEmpty();
        assertThat(map(report.get("function"))).containsEntry("FunctionName", name)
                .containsEntry("Handler", ForwarderContract.FIREHOSE_TRANSFORM_HANDLER);
        assertThat(env(report)).containsEntry(ForwarderContract.ENV_VENDOR, vendor)
                .doesNotContainKeys(ForwarderContract.ENV_DLQ_URL, ForwarderContract.ENV_SECRET_ARN);
        assertThat((Map<?, ?>) report.get("queues")).isEmpty();

        Map<String, Object> stream = map(map(report.get("deliveryStreams")).get(name));
        assertThat(stream).as("delivery stream " + name).isNotNull();
        String streamArn = (String) stream.get("DeliveryStreamARN");
        Map<String, Object> destination = map(map(((List<?>) stream.get("Destinations")).get(0)).get(destinationKey));
        assertThat(destination).as(destinationKey).isNotNull();
        assertThat(destination.toString()).contains("Type=Lambda", ":function:" + name);
        String bucket = (String) map(destination.get("S3DestinationDescription")).get("BucketARN");
        Map<String, Object> backup = map(map(report.get("buckets")).get(bucket.substring("arn:aws:s3:::".length())));
        assertThat(backup.get("encryption").toString()).contains("AES256");
        assertThat(map(backup.get("publicAccessBlock"))).containsEntry("BlockPublicAcls", true)
                .containsEntry("RestrictPublicBuckets", true);
        assertThat(backup.get("lifecycle").toString()).contains("Days=14");
        assertThat(backup.get("policy").toString()).contains("aws:SecureTransport");

        Map<String, Object> logsRole = map(report.get("roles")).values().stream().map(CloudFormationDeployTest::map)
                .filter(role -> role.get("trust").toString().contains("logs.amazonaws.com")).findFirst().orElseThrow();
        assertThat(logsRole.get("trust").toString()).contains("aws:SourceArn", "aws:SourceAccount");
        for (String group : appGroups) {
            assertThat((List<?>) map(report.get("subscriptionFilters")).get(group)).singleElement()
                    .satisfies(f -> assertThat(map(f)).containsEntry("destinationArn", streamArn)
                            .containsEntry("roleArn", logsRole.get("arn")));
        }
        assertThat(((List<?>) map(report.get("logStreams")).get("/aws/kinesisfirehose/" + name)).stream()
                .map(Object::toString).toList()).contains("DestinationDelivery", "BackupDelivery");
        assertThat(map(report.get("alarms"))).containsKeys(name + "-delivery-failures", name + "-records-backed-up",
                name + "-transform-failures", name + "-errors");
        // the failed-login metric filters are per named group: with * there is none, so no alarm either
        assertThat(map(report.get("alarms")).containsKey(name + "-failed-login-spike")).isEqualTo(!appGroups.isEmpty());
        assertThat(map(report.get("deletionPolicies"))).containsEntry("BackupBucket", "Retain");
        return destination;
    }

    /** What every generated stack must have once deployed, read back from moto's service APIs. */
    private static void assertDeployed(Map<String, Object> report, String vendor, List<String> appGroups) {
        String fn = "medplum-logs-" + vendor;
        assertThat((List<?>) report.get("lintErrors")).as("cfn-lint errors").isEmpty();

        Map<String, Object> dlq = queue(report, fn + "-dlq");
        Map<String, Object> onFailure = queue(report, fn + "-on-failure");
        for (Map<String, Object> q : List.of(dlq, onFailure)) {
            assertThat(q).containsEntry("SqsManagedSseEnabled", "true").containsEntry("MessageRetentionPeriod",
                    "1209600");
        }
        assertThat(dlq).containsEntry("MaximumMessageSize", String.valueOf(ForwarderContract.DLQ_MAX_MESSAGE_BYTES));
        assertThat(onFailure).containsEntry("MaximumMessageSize",
                String.valueOf(ForwarderContract.ON_FAILURE_QUEUE_MAX_MESSAGE_BYTES));
        Map<String, Object> function = map(report.get("function"));
        assertThat(function).containsEntry("FunctionName", fn).containsEntry("Runtime", ForwarderContract.RUNTIME)
                .containsEntry("Handler", ForwarderContract.HANDLER);
        assertThat(env(report)).containsEntry(ForwarderContract.ENV_VENDOR, vendor);
        assertThat((String) env(report).get(ForwarderContract.ENV_DLQ_URL)).endsWith("/" + fn + "-dlq");
        assertThat((String) env(report).get(ForwarderContract.ENV_ON_FAILURE_QUEUE_URL))
                .endsWith("/" + fn + "-on-failure");

        Map<String, Object> invokeConfig = map(report.get("invokeConfig"));
        assertThat(invokeConfig).containsEntry("MaximumRetryAttempts", 2);
        assertThat(map(map(invokeConfig.get("DestinationConfig")).get("OnFailure")))
                .containsEntry("Destination", onFailure.get("QueueArn"));
        assertThat(statements(report)).anySatisfy(s -> assertThat(s)
                .containsEntry("Action", ForwarderContract.ON_FAILURE_QUEUE_IAM_ACTIONS)
                .containsEntry("Resource", onFailure.get("QueueArn")));
        assertThat(statements(report)).anySatisfy(s -> assertThat(s)
                .containsEntry("Action", ForwarderContract.DLQ_IAM_ACTIONS)
                .containsEntry("Resource", dlq.get("QueueArn")));

        assertThat(map(map(report.get("logGroups")).get("/aws/lambda/" + fn))).containsEntry("retentionInDays", 30);
        // the subscriptions invoke the alias, which points at the version the stack published (SnapStart's unit)
        Map<String, Object> alias = map(report.get("alias"));
        assertThat(alias).containsEntry("Name", ForwarderContract.ALIAS);
        assertThat((String) alias.get("AliasArn")).endsWith(":function:" + fn + ":" + ForwarderContract.ALIAS);
        assertThat((List<Object>) report.get("versions")).contains(alias.get("FunctionVersion"));
        assertThat(alias.get("FunctionVersion")).isNotEqualTo("$LATEST");
        for (String group : appGroups) {
            assertThat((List<?>) map(report.get("subscriptionFilters")).get(group)).singleElement()
                    .satisfies(f -> assertThat(map(f).get("destinationArn")).isEqualTo(alias.get("AliasArn")));
        }
        assertThat(map(report.get("deletionPolicies"))).containsEntry("DeadLetterQueue", "Retain")
                .containsEntry("OnFailureQueue", "Retain").containsEntry("ForwarderLogGroup", "Retain");

        assertThat(alarm(report, fn + "-chunks-dead-lettered"))
                .containsEntry("Namespace", ForwarderMetrics.NAMESPACE)
                .containsEntry("MetricName", ForwarderMetrics.CHUNKS_DEAD_LETTERED)
                .containsEntry("Dimensions", List.of(Map.of("Name", ForwarderMetrics.DIMENSION_FUNCTION,
                        "Value", fn), Map.of("Name", ForwarderMetrics.DIMENSION_VENDOR, "Value", vendor)))
                .containsEntry("Threshold", 0.0).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(alarm(report, fn + "-on-failure-not-empty"))
                .containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName", "Value", fn + "-on-failure")))
                .containsEntry("Threshold", 0.0);
        assertThat(map(report.get("alarms"))).containsKeys(fn + "-dlq-not-empty", fn + "-errors",
                fn + "-redrive-redelivered-not-deleted", fn + "-invocations-recovered-not-deleted");
        assertThat(alarm(report, fn + "-redrive-redelivered-not-deleted"))
                .containsEntry("MetricName", ForwarderMetrics.REDRIVE_REDELIVERED_NOT_DELETED);
        assertThat(map(report.get("alarms")).containsKey(fn + "-failed-login-spike")).isEqualTo(!appGroups.isEmpty());
    }

    private static Map<String, Object> deploy(GenerateRequest request, Map<String, String> parameters)
            throws Exception {
        Path out = WORK.resolve(request.vendor());
        Path folder = OutputWriter.write(Requests.deployment(request), dummyZip(), out);
        Path report = folder.resolve("report.json");
        String parametersJson = parameters.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        Process script = new ProcessBuilder("python3", SCRIPT.toString(), endpoint,
                folder.resolve("cloudformation/template.yaml").toString(), "medplum-logs-" + request.vendor(),
                parametersJson, report.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("deploy.log").toFile()).start();
        assertThat(script.waitFor(5, TimeUnit.MINUTES)).as("deploy_into_moto.py finished").isTrue();
        assertThat(script.exitValue()).as(Files.readString(folder.resolve("deploy.log"))).isZero();
        return map(new Yaml().load(Files.readString(report, StandardCharsets.UTF_8)));
    }

    /** A valid zip: moto's Lambda stores it, nothing runs it. */
    private static Path dummyZip() throws IOException {
        Path zip = WORK.resolve("dummy-forwarder.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file)) {
            z.putNextEntry(new ZipEntry("README"));
            z.write("not the forwarder".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return zip;
    }

    private static Map<String, Object> queue(Map<String, Object> report, String name) {
        return map(report.get("queues")).entrySet().stream().filter(e -> e.getKey().endsWith("/" + name))
                .map(e -> map(e.getValue())).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + name + " in " + report.get("queues")));
    }

    private static Map<String, Object> alarm(Map<String, Object> report, String name) {
        Object alarm = map(report.get("alarms")).get(name);
        assertThat(alarm).as("alarm " + name).isNotNull();
        return map(alarm);
    }

    private static Map<String, Object> env(Map<String, Object> report) {
        return map(map(report.get("function")).get("Environment"));
    }

    private static List<Map<String, Object>> statements(Map<String, Object> report) {
        return ((List<?>) report.get("rolePolicies")).stream()
                .flatMap(p -> ((List<?>) map(p).get("Statement")).stream()).map(CloudFormationDeployTest::map)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Null when python3 has everything; otherwise what to install. */
    private static String missingTools() {
        try {
            Process check = new ProcessBuilder("python3", "-c",
                    "import cfnlint.api, moto.server, boto3, yaml, flask").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() == 0) {
                return null;
            }
            return "cfn-lint/moto tests skipped: python3 lacks a module (" + output.strip().lines()
                    .reduce((a, b) -> b).orElse("") + "). Install with: " + INSTALL;
        } catch (IOException e) {
            return "cfn-lint/moto tests skipped: no python3 on the PATH. Install python3, then: " + INSTALL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
