package io.medplumlogs.maven.readme;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.Requests;
import org.junit.jupiter.api.Test;

class ReadmeRendererTest {

    /**
     * The stream's ErrorOutputPrefix is backup-errors/!{firehose:error-output-type}/: Firehose writes records it could
     * not deliver under http-endpoint-failed or splunk-failed, records the function returned as ProcessingFailed under
     * processing-failed. The Prefix (failed/) takes only an all-records backup, which the stream does not make.
     */
    @Test
    void firehoseReadmePointsAtTheFoldersFirehoseWritesFailedRecordsTo() {
        String datadog = ReadmeRenderer.render(deployment(Requests.datadog().withTransport("firehose")));
        assertThat(datadog).contains("aws s3 ls s3://$BACKUP_BUCKET/backup-errors/ --recursive",
                "`backup-errors/http-endpoint-failed/`", "`backup-errors/processing-failed/`")
                .doesNotContain("splunk-failed", "under `failed/`", "BUCKET/failed/");
        String splunk = ReadmeRenderer.render(deployment(Requests.request("splunk", "/ecs/a", Requests.SECRET_ARN,
                "https://hec.example.com", java.util.Map.of()).withTransport("firehose")));
        assertThat(splunk).contains("`backup-errors/splunk-failed/`", "`backup-errors/processing-failed/`")
                .doesNotContain("http-endpoint-failed");
    }

    /**
     * The {@code -records-backed-up} alarm tells whoever it wakes to "see README.md to re-send them": the README must
     * then say how, per folder. A record under processing-failed is the one CloudWatch Logs sent and goes back into the
     * stream (through a request file: a record's base64 passes the 128 KiB a single shell argument may hold); one
     * under the delivery-failed folder is already transformed, which the transformation would refuse or wrap again.
     */
    @Test
    void firehoseReadmeSaysHowToReSendWhatTheBackupAlarmReports() {
        for (var request : java.util.List.of(Requests.datadog(), Requests.request("splunk", "/ecs/a",
                Requests.SECRET_ARN, "https://hec.example.com", java.util.Map.of()))) {
            var d = deployment(request.withTransport("firehose"));
            String readme = ReadmeRenderer.render(d);
            String section = "see README.md, section Re-sending backed-up records";
            assertThat(io.medplumlogs.maven.cloudformation.CloudFormationRenderer.render(d)).contains(section);
            assertThat(io.medplumlogs.maven.terraform.TerraformRenderer.render(d).get("main.tf")).contains(section);
            assertThat(readme).contains("\n## Re-sending backed-up records\n");
            String resend = readme.substring(readme.indexOf("## Re-sending backed-up records"));
            resend = resend.substring(0, resend.indexOf("\n## ", 5) < 0 ? resend.length()
                    : resend.indexOf("\n## ", 5));
            assertThat(resend).contains("`backup-errors/processing-failed/`",
                    "jq -c '{DeliveryStreamName: \"" + d.deliveryStreamName() + "\", Record: {Data: .rawData}}'",
                    "aws firehose put-record --cli-input-json file://request.json",
                    "`" + io.medplumlogs.maven.model.FirehoseNames.deliveryFailedFolder(
                            io.medplumlogs.contract.FirehoseDelivery.of(d.vendor())) + "`",
                    "cannot go through the stream again");
        }
    }

    /**
     * {@code aws cloudformation deploy} refuses a template above 51,200 bytes unless {@code --s3-bucket} is given
     * ("Templates with a size greater than 51,200 bytes must be deployed via an S3 Bucket"): 40 log groups, about as
     * many as the forwarder's resource-based policy takes, already make 66 KB, and Firehose's 200 far more. The
     * README's deploy command must work for every template the goal writes, so it always names the bucket.
     */
    @Test
    void theDeployCommandWorksForATemplateAboveTheCliLimitForAnInlineTemplate() {
        String groups = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "/aws/ecs/medplum-fhir-prod-api-" + i)
                .collect(java.util.stream.Collectors.joining(","));
        for (var request : java.util.List.of(Requests.request("datadog", groups, Requests.SECRET_ARN, null,
                java.util.Map.of()), Requests.request("datadog", groups, Requests.SECRET_ARN, null, java.util.Map.of())
                .withTransport("firehose"))) {
            var d = deployment(request);
            assertThat(io.medplumlogs.maven.cloudformation.CloudFormationRenderer.render(d)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(51_200);
            String readme = ReadmeRenderer.render(d);
            String deploy = readme.substring(readme.indexOf("aws cloudformation deploy"));
            assertThat(deploy.substring(0, deploy.indexOf("```"))).contains("--s3-bucket YOUR_BUCKET");
        }
    }

    /**
     * generate.adoc and the README: what may hold undelivered logs is kept (CloudFormation Retain, Terraform
     * prevent_destroy), and the README's {@code terraform state rm} hands exactly those back before a destroy. The
     * addresses are typed in the README: renaming a block, or keeping one more, must not leave a command that fails
     * or a destroy that stops.
     */
    @Test
    void theReadmeHandsBackExactlyWhatEachOutputKeeps() {
        for (var request : java.util.List.of(Requests.datadog(), Requests.datadog().withTransport("firehose"))) {
            var d = deployment(request);
            String readme = ReadmeRenderer.render(d);
            java.util.regex.Matcher rm = java.util.regex.Pattern.compile("terraform state rm ([^`]+)`").matcher(readme);
            assertThat(rm.find()).as(request.transport()).isTrue();
            java.util.Set<String> handedBack = java.util.Set.of(rm.group(1).trim().split(" "));

            String main = io.medplumlogs.maven.terraform.TerraformRenderer.render(d).get("main.tf");
            java.util.Set<String> kept = new java.util.TreeSet<>();
            java.util.regex.Matcher block = java.util.regex.Pattern.compile("(?m)^resource \"(\\S+)\" \"(\\S+)\" \\{$")
                    .matcher(main);
            while (block.find()) {
                int end = main.indexOf("\n}\n", block.end());
                if (main.substring(block.end(), end).contains("prevent_destroy = true")) {
                    kept.add(block.group(1) + "." + block.group(2));
                }
            }
            assertThat(handedBack).as(request.transport()).isNotEmpty().containsExactlyInAnyOrderElementsOf(kept);

            @SuppressWarnings("unchecked")
            java.util.Map<String, java.util.Map<String, Object>> resources = (java.util.Map<String, java.util.Map<String,
                    Object>>) new org.yaml.snakeyaml.Yaml().<java.util.Map<String, Object>>load(
                    io.medplumlogs.maven.cloudformation.CloudFormationRenderer.render(d)).get("Resources");
            assertThat(resources.values().stream().filter(r -> "Retain".equals(r.get("DeletionPolicy"))
                    && "Retain".equals(r.get("UpdateReplacePolicy")))).as(request.transport())
                    // the bucket's settings but its policy are properties of the bucket in CloudFormation
                    .hasSize(kept.size() - (int) kept.stream().filter(a -> a.startsWith("aws_s3_bucket_")
                            && !a.equals("aws_s3_bucket_policy.backup")).count());
        }
    }

    /**
     * CloudFormation's stack names are a letter, then letters, digits and hyphens ("Member must satisfy regular
     * expression pattern: [a-zA-Z][-a-zA-Z0-9]*"), while a function name may hold '_' and start with a digit, '-' or
     * '_': the README's deploy command named the stack after the function and failed for such a name.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "fhir_logs", "1fhir-logs", "-fhir", "_fhir_",
            "medplum-logs-datadog" })
    void theStackNameOfTheDeployCommandIsOneCloudFormationTakesWhateverTheFunctionName(String functionName) {
        var r = Requests.datadog();
        for (var request : java.util.List.of(r, r.withTransport("firehose"))) {
            var named = new io.medplumlogs.maven.GenerateRequest(request.vendor(), request.logGroups(), request.formats(),
                    request.secretArn(), false, request.filterPattern(), request.datadogSite(), request.splunkHecUrl(),
                    functionName, request.memoryMb(), request.timeoutSeconds(), request.logRetentionDays(),
                    request.retryAttempts(), request.maxEventAgeSeconds(), request.redriveSchedule(),
                    request.failedLoginThreshold(), null, null, null, null, null, java.util.Map.of(),
                    request.forwarderVersion(), request.transport());
            java.util.regex.Matcher stack = java.util.regex.Pattern.compile("--stack-name (\\S+)")
                    .matcher(ReadmeRenderer.render(deployment(named)));
            assertThat(stack.find()).isTrue();
            assertThat(stack.group(1)).matches("[a-zA-Z][-a-zA-Z0-9]{0,127}");
        }
        assertThat(ReadmeRenderer.render(deployment(r))).contains("--stack-name medplum-logs-datadog ");
    }

    @Test
    void namesWhatTheSumoLogicSecretHolds() {
        assertThat(ReadmeRenderer.render(deployment(Requests.sumoLogicSized()))).contains("HTTP source URL");
    }
}
