package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.FirehoseNames;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc, "What gets created": the forwarder's role is least privilege (write its own log group, read the one
 * secret as {@code <arn>} and {@code <arn>-??????}, the documented actions on each of the two queues), and with
 * {@code firehose} each role does only its part. Every statement of every role, in both formats, is compared whole:
 * an extra action, an extra statement, a {@code *} resource or a grant on another resource fails. (The older
 * {@code leastPrivilegeRoleWithoutWildcardActions} looked for {@code *"} in a Java map's toString, which has no
 * quotes, so a {@code Resource: "*"} passed it.)
 */
class IamLeastPrivilegeTest {

    private static final String FULL = Requests.SECRET_ARN;
    private static final String PARTIAL = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-secret";
    private static final List<String> LOGS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

    private static GenerateRequest request(String vendor, String transport, String secretArn) {
        GenerateRequest r = Requests.request(vendor, "/ecs/a,/ecs/b", secretArn, "https://hec.example.com:443",
                Map.of());
        return (secretArn == null ? Requests.creatingTheSecret(r) : r).withTransport(transport);
    }

    private static Map<String, Object> getAtt(String id) {
        return Map.of("Fn::GetAtt", List.of(id, "Arn"));
    }

    private static Map<String, Object> statement(List<String> actions, Object resource) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", "Allow");
        s.put("Action", actions);
        s.put("Resource", resource);
        return s;
    }

    private static Object cfnSecret(String arn) {
        return arn == null ? Map.of("Ref", "VendorSecret") : List.of(arn, arn + "-??????");
    }

    /** Role logical ID to its statements, exactly as the docs describe them. */
    private static Map<String, List<Map<String, Object>>> expectedCloudFormation(String vendor, String transport,
            String arn) {
        Map<String, List<Map<String, Object>>> roles = new LinkedHashMap<>();
        if (transport.equals("lambda")) {
            roles.put("ForwarderRole", List.of(
                    statement(LOGS, getAtt("ForwarderLogGroup")),
                    statement(ForwarderContract.SECRET_IAM_ACTIONS, cfnSecret(arn)),
                    statement(ForwarderContract.DLQ_IAM_ACTIONS, getAtt("DeadLetterQueue")),
                    statement(ForwarderContract.ON_FAILURE_QUEUE_IAM_ACTIONS, getAtt("OnFailureQueue"))));
            return roles;
        }
        roles.put("TransformRole", List.of(statement(LOGS, getAtt("ForwarderLogGroup"))));
        List<Map<String, Object>> firehose = new ArrayList<>(List.of(
                statement(FirehoseNames.BACKUP_BUCKET_ACTIONS, List.of(getAtt("BackupBucket"),
                        Map.of("Fn::Sub", "${BackupBucket.Arn}/*"))),
                statement(FirehoseNames.TRANSFORM_ACTIONS, getAtt("ForwarderFunction")),
                statement(List.of("logs:PutLogEvents"), Map.of("Fn::Sub", "arn:${AWS::Partition}:logs:${AWS::Region}"
                        + ":${AWS::AccountId}:log-group:/aws/kinesisfirehose/medplum-logs-" + vendor + ":*"))));
        if (!vendor.equals("sumologic")) {
            // Sumo Logic's URL is resolved at deploy time: Firehose itself never reads that secret
            firehose.add(statement(ForwarderContract.SECRET_IAM_ACTIONS, cfnSecret(arn)));
        }
        roles.put("FirehoseRole", firehose);
        roles.put("LogsToFirehoseRole", List.of(statement(FirehoseNames.PUT_RECORD_ACTIONS, getAtt("DeliveryStream"))));
        return roles;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCloudFormationRoleHasExactlyTheDocumentedStatements() {
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                for (String arn : new String[] { FULL, PARTIAL, null }) {
                    String as = vendor + " over " + transport + " with secret " + arn;
                    Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                            CloudFormationRenderer.render(deployment(request(vendor, transport, arn)))))
                            .get("Resources");
                    Map<String, List<Object>> actual = new LinkedHashMap<>();
                    resources.forEach((id, resource) -> {
                        Map<String, Object> r = (Map<String, Object>) resource;
                        if ("AWS::IAM::Role".equals(r.get("Type"))) {
                            List<Map<String, Object>> policies = (List<Map<String, Object>>) ((Map<String, Object>) r
                                    .get("Properties")).get("Policies");
                            assertThat(policies).as(as + ": " + id + " has one inline policy").hasSize(1);
                            actual.put(id, (List<Object>) ((Map<String, Object>) policies.get(0).get("PolicyDocument"))
                                    .get("Statement"));
                        }
                    });
                    assertThat(actual).as(as).isEqualTo(expectedCloudFormation(vendor, transport, arn));
                    // the bucket's TLS-only Deny names s3:* and Principal *: a Deny, not a grant
                    assertThat(transport.equals("firehose") ? "" : CloudFormationRenderer.render(deployment(
                            request(vendor, transport, arn)))).as(as).doesNotContainPattern("Resource: \"\\*\"|- \"\\*\"\\n|Action: \"[a-z0-9]*:?\\*\"");
                }
            }
        }
    }

    /** The same in Terraform: each aws_iam_role_policy's statements, action lists and resources, whole. */
    @Test
    void everyTerraformRolePolicyHasExactlyTheDocumentedStatements() {
        Pattern policy = Pattern.compile("(?m)^resource \"aws_iam_role_policy\" \"([a-z_]+)\" \\{\\n(.*?)^\\}",
                Pattern.DOTALL);
        for (String transport : List.of("lambda", "firehose")) {
            for (String vendor : List.of("datadog", "splunk", "sumologic")) {
                for (String arn : new String[] { FULL, PARTIAL, null }) {
                    String as = vendor + " over " + transport + " with secret " + arn;
                    String main = TerraformRenderer.render(deployment(request(vendor, transport, arn))).get("main.tf");
                    Map<String, List<String>> actual = new LinkedHashMap<>();
                    Matcher m = policy.matcher(main);
                    while (m.find()) {
                        actual.put(m.group(1), statements(m.group(2)));
                    }
                    assertThat(actual).as(as).isEqualTo(expectedTerraform(vendor, transport, arn));
                }
            }
        }
    }

    /** Each statement as one line: its actions, then its resources. */
    private static List<String> statements(String block) {
        List<String> statements = new ArrayList<>();
        Matcher s = Pattern.compile("(?s)\\{\\n\\s*Effect = \"Allow\"\\n\\s*Action = \\[\\n(.*?)\\]\\n\\s*Resource = "
                + "(\\[\\n.*?\\]|[^\\n]+)\\n\\s*\\}").matcher(block);
        while (s.find()) {
            statements.add(s.group(1).replaceAll("\\s+", "") + " -> " + s.group(2).replaceAll("\\s+", ""));
        }
        assertThat(block.split("Effect = ", -1).length - 1).as("every statement is an Allow of this shape")
                .isEqualTo(statements.size());
        return statements;
    }

    private static String tf(List<String> actions, String... resources) {
        StringBuilder a = new StringBuilder();
        actions.forEach(action -> a.append('"').append(action).append("\","));
        String r = resources.length == 1 ? resources[0] : "[" + String.join(",", resources) + ",]";
        return a + " -> " + r;
    }

    private static String[] tfSecret(String arn) {
        return arn == null ? new String[] { "aws_secretsmanager_secret.credential.arn" }
                : new String[] { "\"" + arn + "\"", "\"" + arn + "-??????\"" };
    }

    private static Map<String, List<String>> expectedTerraform(String vendor, String transport, String arn) {
        Map<String, List<String>> policies = new LinkedHashMap<>();
        String ownLogs = tf(LOGS, "\"${aws_cloudwatch_log_group.forwarder.arn}:*\"");
        if (transport.equals("lambda")) {
            policies.put("forwarder", List.of(ownLogs,
                    tf(ForwarderContract.SECRET_IAM_ACTIONS, tfSecret(arn)),
                    tf(ForwarderContract.DLQ_IAM_ACTIONS, "aws_sqs_queue.dlq.arn"),
                    tf(ForwarderContract.ON_FAILURE_QUEUE_IAM_ACTIONS, "aws_sqs_queue.on_failure.arn")));
            return policies;
        }
        policies.put("forwarder", List.of(ownLogs));
        List<String> firehose = new ArrayList<>(List.of(
                tf(FirehoseNames.BACKUP_BUCKET_ACTIONS, "aws_s3_bucket.backup.arn", "\"${aws_s3_bucket.backup.arn}/*\""),
                tf(FirehoseNames.TRANSFORM_ACTIONS, "aws_lambda_function.forwarder.arn"),
                tf(List.of("logs:PutLogEvents"), "\"${aws_cloudwatch_log_group.firehose_errors.arn}:*\"")));
        if (!vendor.equals("sumologic")) {
            firehose.add(tf(ForwarderContract.SECRET_IAM_ACTIONS, tfSecret(arn)));
        }
        policies.put("firehose", firehose);
        policies.put("logs", List.of(tf(FirehoseNames.PUT_RECORD_ACTIONS,
                "aws_kinesis_firehose_delivery_stream.vendor.arn")));
        return policies;
    }
}
