package io.medplumlogs.maven;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.model.OutputFormat;
import io.medplumlogs.maven.readme.ReadmeRenderer;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code <outputDirectory>/<vendor>/} all at once: everything is rendered into a temporary sibling folder (with
 * a copy of Terraform's state and lock file from the old output), then the old output is renamed aside and the new
 * one renamed into its place. Nothing of the old output is deleted
 * before it is out of the way, so a failure leaves either the old output whole or the new one whole, never half of
 * either, and no staging folder beside it.
 */
final class OutputWriter {

    private OutputWriter() {
    }

    /** Returns the vendor folder. */
    static Path write(ForwarderDeployment d, Path forwarderZip, Path outputDirectory) throws IOException {
        return write(d, forwarderZip, outputDirectory, warning -> { });
    }

    /**
     * Returns the vendor folder; {@code warnings} hears of an old output that was replaced but could not be deleted
     * (the run itself succeeded: the new output is complete).
     */
    static Path write(ForwarderDeployment d, Path forwarderZip, Path outputDirectory, Consumer<String> warnings)
            throws IOException {
        Path target = outputDirectory.resolve(d.vendor().id());
        GeneratedFolder.refuseIfNotTheGoals(target, d.functionName());
        Path staging;
        try {
            Files.createDirectories(outputDirectory);
            staging = Files.createTempDirectory(outputDirectory, "." + d.vendor().id() + "-");
        } catch (IOException e) {
            throw new IOException("Cannot create the output in " + outputDirectory + " (" + reason(e) + ").", e);
        }
        boolean staged = false;
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
            keepTerraformsOwnFiles(target, staging, d.functionName());
            staged = true;
            Optional<Path> old = replace(target, staging, outputDirectory, d.vendor().id());
            old.flatMap(OutputWriter::deleteAll).ifPresent(problem -> warnings.accept("Wrote " + target + ", but the"
                    + " previous output, moved aside to " + old.get() + ", could not be deleted (" + problem + "):"
                    + " delete it by hand."));
            return target;
        } catch (IOException | RuntimeException e) {
            // replacing says what failed itself; writing the new output is told with its path and reason here
            Exception failure = !staged && e instanceof IOException io ? new IOException("Cannot write the new output ("
                    + reason(io) + "); the previous output is left unchanged.", io) : e;
            deleteAll(staging).ifPresent(problem -> failure.addSuppressed(new IOException("Cannot delete the"
                    + " unfinished output " + staging + " (" + problem + "): delete it by hand.")));
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
    }

    /**
     * Terraform's working folder in the module: its provider and module caches are large and {@code terraform init}
     * fills them again, but two of its files are state of the user's choosing (see {@link #keepTerraformsOwnFiles}).
     */
    private static final String TERRAFORM_WORKING_FOLDER = ".terraform";
    /** The selected workspace, and the backend settings given to init ({@code -backend-config}). */
    private static final List<String> TERRAFORM_WORKING_STATE = List.of("environment", "terraform.tfstate");

    /** What a Terraform state says of the function it manages (the generated module has exactly one). */
    static final Pattern STATE_FUNCTION_NAME = Pattern.compile("\"function_name\":\\s*\"([^\"]*)\"");

    /**
     * Copies (never moves: a failed run must leave the old output whole) into the new output what is the user's in the
     * module folder, everything the generator did not write: what Terraform writes there (its state, also per
     * workspace, and its lock file: without them the next apply creates everything again) and what the user adds (a
     * {@code backend.tf} for the remote state the docs advise, {@code terraform.tfvars}, {@code *_override.tf}:
     * without the backend, init falls back to an empty local state), and of {@code .terraform/} the selected workspace
     * and the backend settings (without them, init selects the default workspace, whose state is empty). The files the
     * generator writes ({@link TerraformRenderer#FILES}, by name: a user's copy of one keeps its header) are written
     * anew.
     * A state that manages another function belongs to another deployment written to the same vendor folder (a second
     * forwarder for more log groups): the run is refused rather than hand that state to this module.
     */
    private static void keepTerraformsOwnFiles(Path target, Path staging, String functionName) throws IOException {
        Path terraform = target.resolve("terraform");
        if (Files.isDirectory(terraform, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.walk(terraform)) {
                for (Path state : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".tfstate"))::iterator) {
                    Matcher managed = STATE_FUNCTION_NAME.matcher(Files.readString(state));
                    if (managed.find() && !managed.group(1).equals(functionName)) {
                        throw new IOException(target + " holds the Terraform state of function '" + managed.group(1)
                                + "' (" + state.getFileName() + "), and this run generates '" + functionName + "' for"
                                + " the same folder: writing it there would hand that state to the new module. Give"
                                + " each forwarder its own -D" + GoalProperties.OUTPUT_DIRECTORY + ".");
                    }
                }
            }
        }
        if (!Files.isDirectory(terraform, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> own = new java.util.ArrayList<>();
        try (Stream<Path> entries = Files.list(terraform)) {
            entries.filter(entry -> !entry.getFileName().toString().equals(TERRAFORM_WORKING_FOLDER)
                    && !TerraformRenderer.FILES.contains(entry.getFileName().toString())).forEach(own::add);
        }
        for (String name : TERRAFORM_WORKING_STATE) {
            Path kept = terraform.resolve(TERRAFORM_WORKING_FOLDER).resolve(name);
            if (Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS)) {
                own.add(kept);
            }
        }
        for (Path from : own) {
            Path to = staging.resolve("terraform").resolve(terraform.relativize(from).toString());
            try (Stream<Path> tree = Files.walk(from)) {
                for (Path source : (Iterable<Path>) tree::iterator) {
                    Path copy = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        }
    }

    /**
     * Renames the old output aside, then the staged one into its place (each one rename, so either happens whole or
     * not at all); if the second fails, the old output is renamed back. Returns where the old output now is.
     */
    private static Optional<Path> replace(Path target, Path staging, Path outputDirectory, String vendor)
            throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            rename(staging, target);
            return Optional.empty();
        }
        Path old = Files.createTempDirectory(outputDirectory, "." + vendor + "-old-").resolve(vendor);
        try {
            rename(target, old);
        } catch (IOException e) {
            deleteAll(old.getParent());
            throw new IOException("Cannot replace the previous output " + target + ": moving it aside failed ("
                    + reason(e) + "). It is left unchanged; make it (and everything in it) deletable or remove it,"
                    + " then run again.", e);
        }
        try {
            rename(staging, target);
        } catch (IOException e) {
            try {
                rename(old, target);
                deleteAll(old.getParent());
            } catch (IOException back) {
                e.addSuppressed(new IOException("The previous output stays in " + old + ": moving it back failed ("
                        + reason(back) + ").", back));
            }
            throw new IOException("Cannot move the new output into " + target + " (" + reason(e) + "); the previous"
                    + " output is left unchanged.", e);
        }
        return Optional.of(old.getParent());
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * Deletes what it can of {@code path}, going on past a file that cannot be deleted; returns the first failure.
     * Only ever used on a folder that is no longer the output (staging, or the old output moved aside).
     */
    private static Optional<String> deleteAll(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String[] first = { null };
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    note(e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        note(e);
                    }
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }

                private void delete(Path p) {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        note(e);
                    }
                }

                private void note(IOException e) {
                    if (first[0] == null) {
                        first[0] = reason(e);
                    }
                }
            });
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
        return Optional.ofNullable(first[0]);
    }

    /**
     * The path and why: Java gives a missing file, a denied access and a file in the way without a reason (their
     * message is the path alone), so those are named here.
     */
    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return String.valueOf(e.getMessage());
        }
        String why = fs.getReason() != null ? fs.getReason()
                : fs instanceof NoSuchFileException ? "no such file or folder"
                : fs instanceof AccessDeniedException ? "permission denied"
                : fs instanceof FileAlreadyExistsException ? "already exists, as a file where a folder is needed"
                : fs.getClass().getSimpleName();
        return fs.getFile() + ": " + why;
    }
}
