package io.medplumlogs.maven;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.model.OutputFormat;
import io.medplumlogs.maven.readme.ReadmeRenderer;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code <outputDirectory>/<vendor>/} all at once: everything is rendered into a temporary sibling folder
 * that replaces the old output only at the end, so a failure never leaves half a deployment behind.
 */
final class OutputWriter {

    private OutputWriter() {
    }

    /** Returns the vendor folder. */
    static Path write(ForwarderDeployment d, Path forwarderZip, Path outputDirectory) throws IOException {
        Path target = outputDirectory.resolve(d.vendor().id());
        Files.createDirectories(outputDirectory);
        Path staging = Files.createTempDirectory(outputDirectory, "." + d.vendor().id() + "-");
        try {
            if (d.formats().contains(OutputFormat.CLOUDFORMATION)) {
                text(staging.resolve("cloudformation/template.yaml"), CloudFormationRenderer.render(d));
            }
            if (d.formats().contains(OutputFormat.TERRAFORM)) {
                for (Map.Entry<String, String> file : TerraformRenderer.render(d).entrySet()) {
                    text(staging.resolve("terraform").resolve(file.getKey()), file.getValue());
                }
            }
            text(staging.resolve("README.md"), ReadmeRenderer.render(d));
            Files.copy(forwarderZip, staging.resolve(d.zipFileName()));
            deleteRecursively(target);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return target;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
