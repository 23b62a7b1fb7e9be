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

    @Test
    void namesWhatTheSumoLogicSecretHolds() {
        assertThat(ReadmeRenderer.render(deployment(Requests.sumoLogicSized()))).contains("HTTP source URL");
    }
}
