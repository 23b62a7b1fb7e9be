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

    @Test
    void namesWhatTheSumoLogicSecretHolds() {
        assertThat(ReadmeRenderer.render(deployment(Requests.sumoLogicSized()))).contains("HTTP source URL");
    }
}
