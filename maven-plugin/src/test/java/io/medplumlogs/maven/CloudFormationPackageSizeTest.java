package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * generate.adoc: with {@code cloudformation} the goal refuses a template CloudFormation would not take (1,000,000
 * bytes). What CloudFormation gets is what {@code aws cloudformation package} writes, which re-writes the template
 * through PyYAML (its own quoting, folding and escapes), so the check must hold for that file: a template just within
 * the goal's limit, with everything that can grow in PyYAML (200 long group names, a long pattern with spaces, 50 long
 * tags, non-ASCII tag values), is packaged with the real aws CLI against moto's S3 and measured.
 */
class CloudFormationPackageSizeTest {

    private static final String INSTALL = "python3 -m pip install awscli 'moto[server]==5.2.1'";
    private static final Path WORK = Path.of("target/package-size");

    @Test
    void aTemplateJustWithinTheLimitStaysWithinItOncePackaged() throws Exception {
        String missing = missingTools();
        Assumptions.assumeTrue(missing == null, missing);
        Files.createDirectories(WORK);
        GenerateRequest request = nearTheLimit();
        String template = CloudFormationRenderer.render(Requests.deployment(request));
        int ours = CloudFormationRenderer.bytesAsDeployed(Requests.deployment(request));
        assertThat(ours).as("the request is near the limit").isBetween(CloudFormationRenderer.MAX_TEMPLATE_BYTES - 20_000,
                CloudFormationRenderer.MAX_TEMPLATE_BYTES);
        Path dir = WORK.resolve("datadog/cloudformation");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("template.yaml"), template, StandardCharsets.UTF_8);
        Files.write(WORK.resolve("datadog/medplum-logs-forwarder-1.2.3-lambda.zip"), new byte[] { 'P', 'K', 5, 6 });
        try (MotoServer moto = MotoServer.start(WORK.resolve("moto_server.log"))) {
            run(moto, "aws", "s3", "mb", "s3://medplum-logs-package-size");
            run(moto, "aws", "cloudformation", "package", "--template-file",
                    dir.resolve("template.yaml").toString(), "--s3-bucket", "medplum-logs-package-size", "--output-template-file",
                    dir.resolve("packaged.yaml").toString());
        }
        long packaged = Files.size(dir.resolve("packaged.yaml"));
        System.err.println("template: " + template.getBytes(StandardCharsets.UTF_8).length + " bytes, counted "
                + ours + ", packaged " + packaged);
        assertThat(packaged).as("what aws cloudformation package writes (counted " + ours + ")")
                .isLessThanOrEqualTo(CloudFormationRenderer.MAX_TEMPLATE_BYTES);
        // the count is what package writes (with the longest bucket name), not a guess with a margin
        assertThat((long) ours).isGreaterThanOrEqualTo(packaged).isLessThan(packaged + 1_000);
    }

    /** The longest group names that still pass the goal, with the longest pattern and 50 long non-ASCII tags. */
    private static GenerateRequest nearTheLimit() {
        String tags = IntStream.range(0, 50).mapToObj(i -> "k" + i + "ж".repeat(20) + "=" + "ж".repeat(60))
                .collect(Collectors.joining(","));
        String pattern = "{ $.level = \"ERROR\" || $.msg = \"Request served\" }" + " x".repeat(500);
        pattern = pattern.substring(0, 1024);
        // the longest names that pass, by bisection: each try renders and counts a template of about 1 MB
        GenerateRequest fits = null;
        int shortest = 25;
        int longest = 512;
        while (shortest <= longest) {
            int length = (shortest + longest) / 2;
            GenerateRequest r = named(length, pattern, tags);
            try {
                DeploymentFactory.create(r);
                fits = r;
                shortest = length + 1;
            } catch (InvalidParametersException tooLarge) {
                longest = length - 1;
            }
        }
        if (fits != null) {
            return fits;
        }
        throw new AssertionError("no request near the limit");
    }

    private static GenerateRequest named(int length, String pattern, String tags) {
        String groups = IntStream.range(0, 200).mapToObj(i -> "/aws/vendedlogs/app-" + i + "-")
                .map(prefix -> prefix + "x".repeat(length - prefix.length())).collect(Collectors.joining(","));
        GenerateRequest r = Requests.filtering(Requests.request("datadog", groups, Requests.SECRET_ARN, null,
                Map.of()).withTransport("firehose"), pattern);
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(), r.timeoutSeconds(),
                r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), tags, r.architecture(), r.snapStart(),
                Map.of(), r.forwarderVersion(), r.transport());
    }

    private static void run(MotoServer moto, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // moto takes any credentials; none of the user's are read. package's S3 client ignores --endpoint-url, so
        // the endpoint goes by the environment, and path-style: a bucket host name under 127.0.0.1 does not resolve
        Path config = WORK.resolve("aws-config");
        Files.writeString(config, "[default]\ns3 =\n    addressing_style = path\n");
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_DEFAULT_REGION", "eu-west-1", "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_ENDPOINT_URL", moto.endpoint()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    /** Null when the aws CLI and moto are there; otherwise what to install. */
    private static String missingTools() {
        try {
            Process aws = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            aws.getInputStream().readAllBytes();
            Process moto = new ProcessBuilder("python3", "-c", "import moto.server, flask").redirectErrorStream(true)
                    .start();
            moto.getInputStream().readAllBytes();
            if (aws.waitFor() == 0 && moto.waitFor() == 0) {
                return null;
            }
        } catch (IOException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "aws cloudformation package size test skipped: it needs the aws CLI and moto_server. Install with: "
                + INSTALL;
    }
}
