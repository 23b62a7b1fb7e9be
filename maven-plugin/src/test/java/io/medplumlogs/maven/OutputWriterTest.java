package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.maven.model.Defaults;
import io.medplumlogs.maven.model.ForwarderDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate.adoc: {@code <outputDirectory>/<vendor>/} is replaced as a whole on each run, and a run that fails leaves
 * the previous output as it was, with no half-written folder beside it.
 */
class OutputWriterTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunReplacesTheFolderAsAWholeLeavingNoStaleFile() throws Exception {
        Path zip = zip();
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip, out());
        Files.writeString(vendor.resolve("terraform/stale.tf"), "resource \"old\" \"x\" {}");
        Files.writeString(vendor.resolve("notes.txt"), "hand-edited");

        OutputWriter.write(deployment("cloudformation"), zip, out());

        assertThat(files(vendor)).containsExactlyInAnyOrder("README.md", "cloudformation/template.yaml",
                deployment("cloudformation").zipFileName());
        assertThat(entries(out())).containsExactly("datadog"); // no staging folder, even empty, beside the output
    }

    @Test
    void aFailedRunLeavesThePreviousOutputIntactAndNoStagingFolder() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        List<String> before = files(vendor);
        String template = Files.readString(vendor.resolve("cloudformation/template.yaml"));

        // the forwarder zip vanished between resolving and copying it: the copy fails half-way through the run
        assertThatThrownBy(() -> OutputWriter.write(deployment("cloudformation"), dir.resolve("missing.zip"), out()))
                .isInstanceOf(IOException.class);

        assertThat(files(vendor)).isEqualTo(before);
        assertThat(Files.readString(vendor.resolve("cloudformation/template.yaml"))).isEqualTo(template);
        assertThat(entries(out())).containsExactly("datadog"); // no staging folder, even empty, beside the output
    }

    private Path out() {
        return dir.resolve("generated");
    }

    private Path zip() throws IOException {
        return Files.write(dir.resolve("forwarder.zip"), new byte[] { 'P', 'K', 5, 6 });
    }

    private static ForwarderDeployment deployment(String formats) throws InvalidParametersException {
        GenerateRequest r = Requests.datadog();
        return DeploymentFactory.create(new GenerateRequest(r.vendor(), r.logGroups(), formats, r.secretArn(), false,
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(),
                r.architecture(), r.snapStart(), Map.of(), r.forwarderVersion()));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
