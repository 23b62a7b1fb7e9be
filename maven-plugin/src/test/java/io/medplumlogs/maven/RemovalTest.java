package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.readme.ReadmeRenderer;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc#removing (and the README's "Removing it"): what may hold undelivered logs is kept when the deployment
 * goes, and the operator is told exactly which resources those are. An operator who follows the README's
 * {@code terraform state rm} and then {@code terraform destroy} is stopped by any {@code prevent_destroy} resource the
 * command leaves out, and a resource named there that Terraform does not know fails the command; the CloudFormation
 * resources kept on delete are the same ones, and the README names each by its physical name.
 */
class RemovalTest {

    /** The addresses Terraform keeps from destroy ({@code prevent_destroy}) for a transport. */
    private static Set<String> prevented(String transport) {
        String main = TerraformRenderer.render(deployment(Requests.datadog().withTransport(transport))).get("main.tf");
        Set<String> prevented = new TreeSet<>();
        Matcher block = Pattern.compile("(?ms)^resource \"([a-z0-9_]+)\" \"([a-z0-9_]+)\" \\{\\n(.*?)^\\}")
                .matcher(main);
        while (block.find()) {
            if (block.group(3).contains("prevent_destroy = true")) {
                prevented.add(block.group(1) + "." + block.group(2));
            }
        }
        return prevented;
    }

    /**
     * generate.adoc#removing is where transports.adoc ("Changing transport") sends the operator to remove the old
     * deployment, whichever its transport: it must give, for each transport, the {@code terraform state rm} that
     * hands back exactly that transport's kept resources.
     */
    @Test
    void theDocsGiveEachTransportsStateRm() throws java.io.IOException {
        String adoc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "modules", "ROOT", "pages",
                "generate.adoc"), java.nio.charset.StandardCharsets.UTF_8);
        String removing = adoc.substring(adoc.indexOf("[[removing]]"), adoc.indexOf("== How the output is checked"));
        // a command continued over lines, as the shell reads it
        removing = removing.replace(" \\\n  ", " ");
        Set<Set<String>> documented = new java.util.HashSet<>();
        Matcher stateRm = Pattern.compile("(?m)^terraform state rm (.+)$").matcher(removing);
        while (stateRm.find()) {
            documented.add(new TreeSet<>(Arrays.asList(stateRm.group(1).trim().split(" "))));
        }
        assertThat(documented).as("the terraform state rm commands of generate.adoc#removing")
                .containsExactlyInAnyOrder(prevented("lambda"), prevented("firehose"));
    }

    /**
     * The kept backup bucket holds undelivered logs: it must stay what the page says it is (TLS only, private,
     * encrypted, bucket-owner ownership, expiring after 14 days) once the deployment is gone, not become a bucket that
     * keeps them forever under weaker settings. CloudFormation keeps a retained bucket's own properties but deletes its
     * BucketPolicy; Terraform destroys each setting, a resource of its own, unless it is kept like the bucket.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theKeptBackupBucketKeepsItsSettings() {
        ForwarderDeployment d = deployment(Requests.datadog().withTransport("firehose"));
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(CloudFormationRenderer.render(d))).get("Resources");
        resources.forEach((id, resource) -> {
            Map<String, Object> r = (Map<String, Object>) resource;
            if (Map.of("Ref", "BackupBucket").equals(((Map<String, Object>) r.get("Properties")).get("Bucket"))) {
                assertThat(r).as(id + ", a setting of the kept bucket").containsEntry("DeletionPolicy", "Retain")
                        .containsEntry("UpdateReplacePolicy", "Retain");
            }
        });

        String main = TerraformRenderer.render(d).get("main.tf");
        Matcher block = Pattern.compile("(?ms)^resource \"([a-z0-9_]+)\" \"([a-z0-9_]+)\" \\{\\n(.*?)^\\}")
                .matcher(main);
        Set<String> settings = new TreeSet<>();
        while (block.find()) {
            if (block.group(3).contains("bucket = aws_s3_bucket.backup.id")) {
                settings.add(block.group(1) + "." + block.group(2));
            }
        }
        assertThat(settings).hasSize(5);
        assertThat(prevented("firehose")).as("kept on terraform destroy").containsAll(settings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeNamesExactlyWhatIsKeptInBothFormats() {
        for (String transport : List.of("lambda", "firehose")) {
            ForwarderDeployment d = deployment(Requests.datadog().withTransport(transport));
            String readme = ReadmeRenderer.render(d);
            Set<String> prevented = prevented(transport);
            Matcher stateRm = Pattern.compile("terraform state rm ([^`]+)`").matcher(readme);
            assertThat(stateRm.find()).as(transport + ": the README's terraform state rm").isTrue();
            assertThat(new TreeSet<>(Arrays.asList(stateRm.group(1).trim().split(" ")))).as(transport)
                    .isNotEmpty().isEqualTo(prevented);

            Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                    .load(CloudFormationRenderer.render(d))).get("Resources");
            resources.forEach((id, resource) -> {
                Map<String, Object> r = (Map<String, Object>) resource;
                if ("Retain".equals(r.get("DeletionPolicy"))) {
                    assertThat(r).as(id).containsEntry("UpdateReplacePolicy", "Retain");
                    Map<String, Object> p = (Map<String, Object>) r.get("Properties");
                    Object name = p.containsKey("QueueName") ? p.get("QueueName") : p.get("LogGroupName");
                    if (name != null) {
                        assertThat(readme).as(transport + ": the README names " + id).contains("`" + name + "`");
                    }
                }
            });
            // the bucket's settings are Terraform resources of their own but properties of the bucket in CloudFormation
            // (FormatParityTest), all but its policy
            long bucketSettings = prevented.stream().filter(a -> a.startsWith("aws_s3_bucket_")
                    && !a.equals("aws_s3_bucket_policy.backup")).count();
            assertThat(resources.values().stream().filter(r -> "Retain".equals(((Map<?, ?>) r).get("DeletionPolicy")))
                    .count()).as(transport + ": as many kept on stack deletion as on terraform destroy")
                    .isEqualTo(prevented.size() - bucketSettings);
        }
    }
}
