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
 * transports.adoc, "At a glance", the {@code firehose} column, written out from the page (not from the renderers'
 * constants) and read back from both formats, per vendor: the transformation buffer "up to 0.2 MiB or 60 s", the
 * destination buffer "Datadog 2 MiB, Splunk 5 MiB, Sumo Logic 1 MiB, or 60 s", "Firehose retries for 300 s, then
 * writes the records to an encrypted S3 bucket (failed records only, 14-day expiry)". The alarms of the same column are
 * {@link AlarmTableTest}'s.
 */
class FirehoseAtAGlanceTest {

    private static final Map<String, Integer> DESTINATION_MIB = Map.of("datadog", 2, "splunk", 5, "sumologic", 1);

    /** What the page says of one vendor's stream, as "setting=value" in a format-neutral spelling. */
    private static Map<String, String> documented(String vendor) {
        Map<String, String> s = new TreeMap<>();
        s.put("transform buffer MiB", "0.2");
        s.put("transform buffer s", "60");
        s.put("destination buffer MiB", "" + DESTINATION_MIB.get(vendor));
        s.put("destination buffer s", "60");
        s.put("retry s", "300");
        s.put("backup", vendor.equals("splunk") ? "FailedEventsOnly" : "FailedDataOnly");
        s.put("backup encryption", "AES256");
        s.put("backup expiry days", "14");
        return s;
    }

    private static ForwarderDeployment firehose(String vendor) {
        return deployment(Requests.request(vendor, "/ecs/a", Requests.SECRET_ARN,
                "https://http-inputs-firehose-example.splunkcloud.com:443", Map.of()).withTransport("firehose"));
    }

    @Test
    void theCloudFormationStreamIsWhatThePageSays() {
        for (String vendor : DESTINATION_MIB.keySet()) {
            assertThat(cloudFormation(firehose(vendor))).as(vendor).isEqualTo(documented(vendor));
        }
    }

    @Test
    void theTerraformStreamIsWhatThePageSays() {
        for (String vendor : DESTINATION_MIB.keySet()) {
            assertThat(terraform(firehose(vendor))).as(vendor).isEqualTo(documented(vendor));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cloudFormation(ForwarderDeployment d) {
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(CloudFormationRenderer.render(d))).get("Resources");
        Map<String, Object> stream = (Map<String, Object>) ((Map<String, Object>) resources.get("DeliveryStream"))
                .get("Properties");
        Map<String, Object> dest = (Map<String, Object>) stream.getOrDefault("SplunkDestinationConfiguration",
                stream.get("HttpEndpointDestinationConfiguration"));
        Map<String, String> s = new TreeMap<>();
        List<Map<String, Object>> processors = (List<Map<String, Object>>) ((Map<String, Object>) dest
                .get("ProcessingConfiguration")).get("Processors");
        assertThat(processors).hasSize(1);
        for (Map<String, Object> p : (List<Map<String, Object>>) processors.get(0).get("Parameters")) {
            if (p.get("ParameterName").equals("BufferSizeInMBs")) {
                s.put("transform buffer MiB", "" + p.get("ParameterValue"));
            } else if (p.get("ParameterName").equals("BufferIntervalInSeconds")) {
                s.put("transform buffer s", "" + p.get("ParameterValue"));
            }
        }
        Map<String, Object> hints = (Map<String, Object>) dest.get("BufferingHints");
        s.put("destination buffer MiB", "" + hints.get("SizeInMBs"));
        s.put("destination buffer s", "" + hints.get("IntervalInSeconds"));
        s.put("retry s", "" + ((Map<String, Object>) dest.get("RetryOptions")).get("DurationInSeconds"));
        s.put("backup", "" + dest.get("S3BackupMode"));
        assertThat(((Map<String, Object>) dest.get("S3Configuration")).get("BucketARN"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("BackupBucket", "Arn")));
        Map<String, Object> bucket = (Map<String, Object>) ((Map<String, Object>) resources.get("BackupBucket"))
                .get("Properties");
        Matcher sse = Pattern.compile("SSEAlgorithm=(\\w+)").matcher(bucket.get("BucketEncryption").toString());
        s.put("backup encryption", sse.find() ? sse.group(1) : "none");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) bucket
                .get("LifecycleConfiguration")).get("Rules");
        assertThat(rules).hasSize(1);
        if ("Enabled".equals(rules.get(0).get("Status"))) {
            s.put("backup expiry days", "" + rules.get(0).get("ExpirationInDays"));
        }
        return s;
    }

    private static Map<String, String> terraform(ForwarderDeployment d) {
        String main = TerraformRenderer.render(d).get("main.tf");
        String stream = block(main, "aws_kinesis_firehose_delivery_stream", "vendor");
        Map<String, String> s = new TreeMap<>();
        s.put("transform buffer MiB", parameter(stream, "BufferSizeInMBs"));
        s.put("transform buffer s", parameter(stream, "BufferIntervalInSeconds"));
        // the destination's own attributes, before its nested blocks (the processor has none of these names)
        s.put("destination buffer MiB", attribute(stream, "buffering_size"));
        s.put("destination buffer s", attribute(stream, "buffering_interval"));
        s.put("retry s", attribute(stream, "retry_duration"));
        s.put("backup", attribute(stream, "s3_backup_mode").replace("\"", ""));
        assertThat(attribute(stream, "bucket_arn")).isEqualTo("aws_s3_bucket.backup.arn");
        s.put("backup encryption", attribute(block(main, "aws_s3_bucket_server_side_encryption_configuration",
                "backup"), "sse_algorithm").replace("\"", ""));
        String lifecycle = block(main, "aws_s3_bucket_lifecycle_configuration", "backup");
        assertThat(attribute(lifecycle, "bucket")).isEqualTo("aws_s3_bucket.backup.id");
        if (attribute(lifecycle, "status").equals("\"Enabled\"")) {
            s.put("backup expiry days", attribute(lifecycle.substring(lifecycle.indexOf("expiration {")), "days"));
        }
        return s;
    }

    private static String block(String main, String type, String name) {
        Matcher m = Pattern.compile("(?ms)^resource \"" + type + "\" \"" + name + "\" \\{\\n(.*?)^\\}").matcher(main);
        assertThat(m.find()).as(type + "." + name).isTrue();
        return m.group(1);
    }

    /** The first {@code name = value} in the text, so that each is asserted to be there exactly once. */
    private static String attribute(String text, String name) {
        Matcher m = Pattern.compile("(?m)^ *" + name + " = (.+)$").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        String value = m.group(1).trim();
        assertThat(m.find()).as(name + " once").isFalse();
        return value;
    }

    private static String parameter(String stream, String name) {
        Matcher m = Pattern.compile("parameter_name = \"" + name + "\"\\s*parameter_value = \"([^\"]*)\"")
                .matcher(stream);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
