package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.maven.model.Defaults;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.terraform.TerraformRenderer;
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

    private final List<Path> locked = new java.util.ArrayList<>();

    /**
     * Root deletes and renames whatever the permissions say, so the immutable attribute (chattr +i) makes a path
     * undeletable; without root or chattr the test is skipped.
     */
    private void undeletable(Path path) throws Exception {
        Process chattr = new ProcessBuilder("chattr", "+i", path.toString()).redirectErrorStream(true).start();
        String output = new String(chattr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr.waitFor() == 0, "chattr +i failed (root and a file system"
                + " with the immutable attribute needed): " + output);
        locked.add(path);
    }

    /** Wherever the writer moved them, so that the temporary folder can be deleted. */
    @org.junit.jupiter.api.AfterEach
    void unlock() throws Exception {
        if (!locked.isEmpty()) {
            new ProcessBuilder("chattr", "-R", "-i", dir.toString()).start().waitFor();
        }
    }

    @Test
    void aSecondRunReplacesTheFolderAsAWholeLeavingNoStaleFile() throws Exception {
        Path zip = zip();
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip, out());
        Files.writeString(vendor.resolve("notes.txt"), "hand-edited");

        OutputWriter.write(deployment("cloudformation"), zip, out());

        assertThat(files(vendor)).containsExactlyInAnyOrder("README.md", "cloudformation/template.yaml",
                deployment("cloudformation").zipFileName());
        assertThat(entries(out())).containsExactly("datadog"); // no staging folder, even empty, beside the output
    }

    /**
     * The README deploys with {@code cd terraform; terraform init; terraform apply}, which keeps Terraform's state in
     * that folder: replacing the folder as a whole deleted the state of the deployed resources, and the next apply
     * created them all again and failed on the names they hold. Terraform's state (also per workspace) and its lock
     * file are the user's, not output: they stay; a stale .tf file still goes.
     */
    @Test
    void regeneratingKeepsTerraformsStateAndLockFile() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        Path terraform = vendor.resolve("terraform");
        Map<String, String> kept = Map.of("terraform.tfstate", "{\"serial\": 7}", "terraform.tfstate.backup",
                "{\"serial\": 6}", ".terraform.lock.hcl", "# the provider versions terraform init chose",
                "terraform.tfstate.d/staging/terraform.tfstate", "{\"serial\": 3}");
        for (Map.Entry<String, String> file : kept.entrySet()) {
            Files.createDirectories(terraform.resolve(file.getKey()).getParent());
            Files.writeString(terraform.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(terraform.resolve("main.tf"), "# edited by hand\n");

        OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());

        for (Map.Entry<String, String> file : kept.entrySet()) {
            assertThat(terraform.resolve(file.getKey())).as(file.getKey()).hasContent(file.getValue());
        }
        assertThat(terraform.resolve("main.tf")).content().contains(TerraformRenderer.GENERATED);
        assertThat(entries(out())).containsExactly("datadog");
    }

    /**
     * What the user adds to the module folder is theirs too: the remote state backend generate.adoc advises
     * (backend.tf, often a copy of a generated file, header included), variable values (terraform.tfvars), overrides.
     * Deleted by a regeneration, the next init fell back to an empty local state and apply created everything again,
     * and the tfvars' settings silently reverted. Of .terraform/, the selected workspace and the backend settings are
     * kept (else init selects the default workspace, whose state is empty); its provider cache is not copied.
     */
    @Test
    void regeneratingKeepsTheUsersOwnFilesInTheTerraformFolder() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        Path terraform = vendor.resolve("terraform");
        String copiedHeader = Files.readString(terraform.resolve("versions.tf")).lines().limit(2)
                .map(line -> line + "\n").reduce("", String::concat);
        Map<String, String> kept = Map.of("backend.tf", copiedHeader + "terraform {\n  backend \"s3\" {}\n}\n",
                "terraform.tfvars", "memory_size = 2048\n", "main_override.tf", copiedHeader + "# the user's override\n",
                ".terraform/environment", "prod", ".terraform/terraform.tfstate", "{\"backend\": {\"type\": \"s3\"}}");
        for (Map.Entry<String, String> file : kept.entrySet()) {
            Files.createDirectories(terraform.resolve(file.getKey()).getParent());
            Files.writeString(terraform.resolve(file.getKey()), file.getValue());
        }
        Files.createDirectories(terraform.resolve(".terraform/providers"));
        Files.writeString(terraform.resolve(".terraform/providers/cache"), "a provider binary");

        OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());

        for (Map.Entry<String, String> file : kept.entrySet()) {
            assertThat(terraform.resolve(file.getKey())).as(file.getKey()).hasContent(file.getValue());
        }
        assertThat(terraform.resolve(".terraform/providers")).doesNotExist();
        assertThat(terraform.resolve("main.tf")).content().contains(TerraformRenderer.GENERATED);
    }

    /**
     * Too many log groups for one forwarder: the goal's message says to generate a second one with another
     * functionName. For the same vendor it lands in the same folder, whose Terraform state manages the first one:
     * carried into the second's module, the next apply would plan to replace the first forwarder (and deleted, that
     * state was lost). The run is refused, naming both functions and the way out, and changes nothing.
     */
    @Test
    void aSecondForwarderIsNotWrittenOverTheTerraformStateOfTheFirst() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        Path state = vendor.resolve("terraform/terraform.tfstate");
        Files.writeString(state, "{\"resources\": [{\"instances\": [{\"attributes\": {\"function_name\":"
                + " \"medplum-logs-datadog\"}}]}]}");
        List<String> before = files(vendor);

        assertThatThrownBy(() -> OutputWriter.write(named("fhir-logs-2"), zip(), out()))
                .isInstanceOf(IOException.class).hasMessageContainingAll("medplum-logs-datadog", "fhir-logs-2",
                        "-Dmedplum-logs.outputDirectory");

        assertThat(files(vendor)).isEqualTo(before);
        assertThat(Files.readString(vendor.resolve("terraform/main.tf"))).contains("\"medplum-logs-datadog\"");
        assertThat(entries(out())).containsExactly("datadog");
        // the same forwarder regenerated keeps its state
        OutputWriter.write(deployment("terraform"), zip(), out());
        assertThat(state).exists();
    }

    /**
     * The vendor folder is replaced whole, hand edits and all, because it is the goal's own. A folder of that name the
     * goal never wrote (an outputDirectory of {@code .} or {@code deploy} in a project that keeps its own
     * {@code datadog/} there) is the user's: the run is refused, naming it, and it stays as it was.
     */
    @Test
    void aVendorFolderTheGoalDidNotWriteIsNotReplaced() throws Exception {
        Path theirs = out().resolve("datadog");
        Files.createDirectories(theirs.resolve("dashboards"));
        Files.writeString(theirs.resolve("dashboards/fhir.json"), "{}");
        Files.writeString(theirs.resolve("README.md"), "# Our Datadog setup\n");

        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), out()))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll(theirs.toString(), "not written by medplum-logs:generate",
                        "-Dmedplum-logs.outputDirectory");

        assertThat(files(theirs)).containsExactlyInAnyOrder("README.md", "dashboards/fhir.json");
        assertThat(entries(out())).containsExactly("datadog");

        // an empty folder of that name holds nothing of the user's: it is written into
        Files.delete(theirs.resolve("dashboards/fhir.json"));
        Files.delete(theirs.resolve("dashboards"));
        Files.delete(theirs.resolve("README.md"));
        OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        assertThat(theirs.resolve("README.md")).content().contains("Generated by medplum-logs-maven-plugin");
    }

    /**
     * The goal writes a folder at {@code <outputDirectory>/<vendor>}; a file or a link there is the user's (a script
     * named {@code datadog} in the project's folder with {@code -Dmedplum-logs.outputDirectory=.}). It was moved aside
     * and deleted like an old output, as only a folder was checked; replacing a link also left the folder it points to
     * (and the Terraform state in it) behind, stale, beside a copy. Refused, naming it, and left as it was.
     */
    @Test
    void aFileOrLinkWhereTheVendorFolderGoesIsNotReplaced() throws Exception {
        Files.createDirectories(out());
        Path theirs = Files.writeString(out().resolve("datadog"), "#!/bin/sh\n# opens our Datadog dashboards\n");

        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), out()))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll(theirs.toString(), "-Dmedplum-logs.outputDirectory");
        assertThat(Files.readString(theirs)).isEqualTo("#!/bin/sh\n# opens our Datadog dashboards\n");
        assertThat(entries(out())).containsExactly("datadog");

        Files.delete(theirs);
        Path linked = OutputWriter.write(deployment(Defaults.FORMATS), zip(), dir.resolve("elsewhere"));
        Files.createSymbolicLink(theirs, linked);

        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), out()))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll(theirs.toString(), "-Dmedplum-logs.outputDirectory");
        assertThat(theirs).isSymbolicLink();
        assertThat(linked.resolve("README.md")).isRegularFile();
        assertThat(entries(out())).containsExactly("datadog");
    }

    /**
     * What a regeneration keeps of the goal's folder is the goal's too. Its generated files deleted (to regenerate
     * them from scratch), the folder holds only {@code terraform/} with the state of this very function, the user's
     * backend.tf and Terraform's working files: the run refused it as "not written by medplum-logs:generate", and
     * the only way out it named (move the folder, or write elsewhere) parts the module from its state. A folder
     * holding only Terraform's own files is the goal's as well (nothing else is in it). A Terraform folder of the
     * user's (their own .tf files, a state that manages no such function) is still refused.
     */
    @Test
    void aVendorFolderHoldingOnlyWhatTheGoalKeepsIsRegenerated() throws Exception {
        Path terraform = out().resolve("datadog/terraform");
        Files.createDirectories(terraform.resolve(".terraform"));
        String state = "{\"resources\": [{\"instances\": [{\"attributes\": {\"function_name\":"
                + " \"medplum-logs-datadog\"}}]}]}";
        Files.writeString(terraform.resolve("terraform.tfstate"), state);
        Files.writeString(terraform.resolve("backend.tf"), "terraform {\n  backend \"local\" {}\n}\n");
        Files.writeString(terraform.resolve(".terraform/environment"), "default");

        OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());

        assertThat(terraform.resolve("terraform.tfstate")).hasContent(state);
        assertThat(terraform.resolve("backend.tf")).content().contains("backend \"local\"");
        assertThat(terraform.resolve(".terraform/environment")).hasContent("default");
        assertThat(terraform.resolve("main.tf")).content().contains(TerraformRenderer.GENERATED);

        Path workingFilesOnly = dir.resolve("working").resolve("datadog/terraform");
        Files.createDirectories(workingFilesOnly.resolve(".terraform/providers"));
        Files.writeString(workingFilesOnly.resolve(".terraform.lock.hcl"), "# the provider versions init chose\n");
        OutputWriter.write(deployment(Defaults.FORMATS), zip(), dir.resolve("working"));
        assertThat(workingFilesOnly.resolve(".terraform.lock.hcl")).hasContent("# the provider versions init chose\n");
        assertThat(workingFilesOnly.resolve("main.tf")).content().contains(TerraformRenderer.GENERATED);

        Path usersModule = dir.resolve("project").resolve("datadog/terraform");
        Files.createDirectories(usersModule);
        Files.writeString(usersModule.resolve("monitors.tf"), "resource \"datadog_monitor\" \"fhir\" {}\n");
        Files.writeString(usersModule.resolve("terraform.tfstate"), "{\"resources\": []}");
        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), dir.resolve("project")))
                .isInstanceOf(IOException.class).hasMessageContaining("not written by medplum-logs:generate");
        assertThat(files(usersModule)).containsExactlyInAnyOrder("monitors.tf", "terraform.tfstate");

        // nor is an unsigned main.tf, which the run would write over, beside a state of this function
        Path unsigned = dir.resolve("unsigned").resolve("datadog/terraform");
        Files.createDirectories(unsigned);
        Files.writeString(unsigned.resolve("main.tf"), "# our own module\n");
        Files.writeString(unsigned.resolve("terraform.tfstate"), state);
        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), dir.resolve("unsigned")))
                .isInstanceOf(IOException.class).hasMessageContaining("not written by medplum-logs:generate");
        assertThat(unsigned.resolve("main.tf")).hasContent("# our own module\n");
    }

    private static ForwarderDeployment named(String functionName) throws InvalidParametersException {
        GenerateRequest r = Requests.datadog();
        return DeploymentFactory.create(new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false,
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), functionName, r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(),
                r.architecture(), r.snapStart(), Map.of(), r.forwarderVersion()));
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

    /**
     * generate.adoc: a run that fails on the way fails the build "with the path and the reason". Java reports a
     * missing file, a denied access and a file in a folder's way with the path alone (no reason), and the goal quoted
     * that message: "Cannot write to target/medplum-logs: target/medplum-logs".
     */
    @Test
    void aRunThatCannotWriteSaysWhereAndWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "a file where the output folder should be");
        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), zip(), file))
                .isInstanceOf(IOException.class).hasMessageContainingAll(file.toString(), "already exists");
        assertThat(Files.readString(file)).startsWith("a file");

        Path missing = dir.resolve("missing.zip");
        assertThatThrownBy(() -> OutputWriter.write(deployment(Defaults.FORMATS), missing, out()))
                .isInstanceOf(IOException.class).hasMessageContainingAll(missing.toString(), "no such file");
        assertThat(entries(out())).isEmpty();
    }

    /** The old output cannot be moved aside (here: immutable): the run fails saying so, and the old output stays. */
    @Test
    void aPreviousOutputThatCannotBeReplacedFailsTheRunAndStaysAsItWas() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        List<String> before = files(vendor);
        undeletable(vendor);

        assertThatThrownBy(() -> OutputWriter.write(deployment("cloudformation"), zip(), out()))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll("Cannot replace the previous output " + vendor, "left unchanged");

        assertThat(files(vendor)).isEqualTo(before);
        assertThat(entries(out())).containsExactly("datadog");
    }

    /**
     * A file of the old output cannot be deleted: the old output is swapped out whole before anything of it is
     * deleted, so the new output is complete, and what was left of the old one is named.
     */
    @Test
    void aPreviousOutputThatCannotBeDeletedIsReplacedWholeAndNamed() throws Exception {
        Path vendor = OutputWriter.write(deployment(Defaults.FORMATS), zip(), out());
        undeletable(vendor.resolve("terraform/main.tf"));
        List<String> warnings = new java.util.ArrayList<>();

        OutputWriter.write(deployment("cloudformation"), zip(), out(), warnings::add);

        assertThat(files(vendor)).containsExactlyInAnyOrder("README.md", "cloudformation/template.yaml",
                deployment("cloudformation").zipFileName());
        List<String> beside = entries(out()).stream().filter(name -> !name.equals("datadog")).toList();
        assertThat(beside).singleElement().asString().startsWith(".datadog-");
        assertThat(warnings).singleElement().asString().contains("previous output", out().resolve(beside.get(0))
                .toString(), "delete it by hand");
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
