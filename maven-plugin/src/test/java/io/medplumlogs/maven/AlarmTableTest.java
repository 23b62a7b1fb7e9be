package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc#alarms and the firehose alarms of "What gets created", row by row, written out from the docs (not
 * from the renderers' constants): each alarm's name, namespace, metric, dimensions (resolved to the names they
 * reference), statistic, threshold and comparison, with a function name and failed-login threshold of our own, in
 * CloudFormation and in Terraform. Nothing else is an alarm.
 */
class AlarmTableTest {

    private static final String FN = "fhir-logs_2";

    /** name to "namespace metric {dimensions} statistic comparison threshold". */
    private static Map<String, String> documented(String vendor, String transport) {
        Map<String, String> a = new TreeMap<>();
        String fnDim = "{FunctionName=" + FN + "}";
        String forwarderDims = "{FunctionName=" + FN + ", Vendor=" + vendor + "}";
        if (transport.equals("lambda")) {
            a.put(FN + "-dlq-not-empty", "AWS/SQS ApproximateNumberOfMessagesVisible {QueueName=" + FN
                    + "-dlq} Maximum > 0");
            a.put(FN + "-on-failure-not-empty", "AWS/SQS ApproximateNumberOfMessagesVisible {QueueName=" + FN
                    + "-on-failure} Maximum > 0");
            a.put(FN + "-on-failure-delivery-failures", "AWS/Lambda DestinationDeliveryFailures " + fnDim + " Sum > 0");
            a.put(FN + "-chunks-dead-lettered", "MedplumLogs/Forwarder ChunksDeadLettered " + forwarderDims
                    + " Sum > 0");
            a.put(FN + "-redrive-redelivered-not-deleted", "MedplumLogs/Forwarder RedriveRedeliveredNotDeleted "
                    + forwarderDims + " Sum > 0");
            a.put(FN + "-invocations-recovered-not-deleted", "MedplumLogs/Forwarder InvocationsRecoveredNotDeleted "
                    + forwarderDims + " Sum > 0");
            a.put(FN + "-entries-truncated", "MedplumLogs/Forwarder EntriesTruncated " + forwarderDims + " Sum > 0");
        } else {
            String stream = "{DeliveryStreamName=" + FN + "}";
            a.put(FN + "-delivery-failures", "AWS/Firehose " + (vendor.equals("splunk") ? "DeliveryToSplunk.Success"
                    : "DeliveryToHttpEndpoint.Success") + " " + stream + " Minimum < 1");
            a.put(FN + "-records-backed-up", "AWS/Firehose DeliveryToS3.Records " + stream + " Sum > 0");
            a.put(FN + "-transform-failures", "AWS/Firehose ExecuteProcessing.Success " + stream + " Minimum < 1");
            a.put(FN + "-records-processing-failed", "MedplumLogs/Forwarder RecordsProcessingFailed " + forwarderDims
                    + " Sum > 0");
        }
        a.put(FN + "-errors", "AWS/Lambda Errors " + fnDim + " Sum > 0");
        a.put(FN + "-failed-login-spike", "MedplumLogs/" + FN + " FailedLogins {} Sum >= 7");
        return a;
    }

    private static GenerateRequest request(String vendor, String transport) {
        GenerateRequest r = Requests.request(vendor, "/ecs/a", Requests.SECRET_ARN, "https://hec.example.com:443",
                Map.of());
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), FN, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(), 7, null, null, null, null, null,
                Map.of(), r.forwarderVersion(), transport);
    }

    private static String comparison(String operator) {
        return switch (operator) {
            case "GreaterThanThreshold" -> ">";
            case "GreaterThanOrEqualToThreshold" -> ">=";
            case "LessThanThreshold" -> "<";
            default -> operator;
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void cloudFormationAlarmsAreTheDocumentedOnes() {
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                        CloudFormationRenderer.render(deployment(request(vendor, transport))))).get("Resources");
                Map<String, String> actual = new TreeMap<>();
                resources.values().forEach(resource -> {
                    Map<String, Object> r = (Map<String, Object>) resource;
                    if (!"AWS::CloudWatch::Alarm".equals(r.get("Type"))) {
                        return;
                    }
                    Map<String, Object> p = (Map<String, Object>) r.get("Properties");
                    Map<String, Object> dims = new TreeMap<>();
                    for (Map<String, Object> dim : (List<Map<String, Object>>) p.getOrDefault("Dimensions",
                            List.of())) {
                        dims.put((String) dim.get("Name"), resolve(resources, dim.get("Value")));
                    }
                    actual.put((String) p.get("AlarmName"), p.get("Namespace") + " " + p.get("MetricName") + " " + dims
                            + " " + p.get("Statistic") + " " + comparison((String) p.get("ComparisonOperator")) + " "
                            + p.get("Threshold"));
                });
                assertThat(actual).as(vendor + " over " + transport).isEqualTo(documented(vendor, transport));
            }
        }
    }

    /** A dimension's value as deployed: a Ref to the function or a GetAtt of a queue's name is that name. */
    @SuppressWarnings("unchecked")
    private static Object resolve(Map<String, Object> resources, Object value) {
        if (value instanceof Map<?, ?> intrinsic) {
            String id = intrinsic.containsKey("Ref") ? (String) intrinsic.get("Ref")
                    : (String) ((List<?>) intrinsic.get("Fn::GetAtt")).get(0);
            Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) resources.get(id)).get("Properties");
            return p.containsKey("FunctionName") ? p.get("FunctionName") : p.get("QueueName");
        }
        return value;
    }

    @Test
    void terraformAlarmsAreTheDocumentedOnes() {
        Pattern alarm = Pattern.compile("(?ms)^resource \"aws_cloudwatch_metric_alarm\" \"[a-z_]+\" \\{\\n(.*?)^\\}");
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                String main = TerraformRenderer.render(deployment(request(vendor, transport))).get("main.tf");
                Map<String, String> actual = new TreeMap<>();
                Matcher m = alarm.matcher(main);
                while (m.find()) {
                    String body = m.group(1);
                    Map<String, String> dims = new TreeMap<>();
                    Matcher dm = Pattern.compile("(?s)dimensions = \\{\\n(.*?)\\n  \\}").matcher(body);
                    if (dm.find()) {
                        for (String line : dm.group(1).split("\\n")) {
                            String[] kv = line.trim().split(" = ", 2);
                            dims.put(kv[0], resolveTf(kv[1]));
                        }
                    }
                    actual.put(attr(body, "alarm_name"), attr(body, "namespace") + " " + attr(body, "metric_name") + " "
                            + dims + " " + attr(body, "statistic") + " " + comparison(attr(body, "comparison_operator"))
                            + " " + attr(body, "threshold"));
                }
                assertThat(actual).as(vendor + " over " + transport).isEqualTo(documented(vendor, transport));
            }
        }
    }

    private static String attr(String body, String name) {
        Matcher m = Pattern.compile("(?m)^  " + name + " = (.*)$").matcher(body);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).replaceAll("^\"|\"$", "");
    }

    private static String resolveTf(String expression) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("aws_lambda_function.forwarder.function_name", FN);
        names.put("aws_sqs_queue.dlq.name", FN + "-dlq");
        names.put("aws_sqs_queue.on_failure.name", FN + "-on-failure");
        names.put("aws_kinesis_firehose_delivery_stream.vendor.name", FN);
        return names.getOrDefault(expression, expression.replaceAll("^\"|\"$", ""));
    }
}
