package io.medplumlogs.maven;

import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether a vendor folder is the goal's own output. {@link OutputWriter} replaces it whole, hand edits and all, which
 * is right for the goal's folder and would delete a user's: a project that keeps its own {@code datadog/} where the
 * goal is told to write ({@code -Dmedplum-logs.outputDirectory=.}).
 */
final class GeneratedFolder {

    /** Files one of which every output of the goal has, each saying in its first lines who generated it. */
    private static final List<String> SIGNED_FILES = List.of("README.md", "terraform/main.tf",
            "cloudformation/template.yaml");
    private static final String SIGNATURE = TerraformRenderer.GENERATED.toLowerCase(Locale.ROOT);
    /** Terraform's working files, which hold nothing of a module: its caches, selected workspace and lock file. */
    private static final List<String> TERRAFORM_WORKING_FILES = List.of(".terraform", ".terraform.lock.hcl");

    private GeneratedFolder() {
    }

    /**
     * An absent or empty folder, one a signed file says the goal generated, or one holding only what a regeneration
     * keeps of the goal's folder may be replaced; any other is refused, and so is anything there that is not a folder
     * (a file, a link): the goal writes a folder.
     */
    static void refuseIfNotTheGoals(Path folder, String functionName) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            // replacing a link would also leave the folder it points to, Terraform state and all, stale beside a copy
            throw new IOException(folder + " exists and is not a folder (a file or a link), so it is not the goal's"
                    + " output, which is a folder: it is left as it was. Give another -D"
                    + GoalProperties.OUTPUT_DIRECTORY + ", or move it.");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        for (String name : SIGNED_FILES) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && head(file).toLowerCase(Locale.ROOT).contains(SIGNATURE)) {
                return;
            }
        }
        if (onlyWhatARegenerationKeeps(folder, functionName)) {
            return;
        }
        throw new IOException(folder + " exists and was not written by medplum-logs:generate (none of "
                + String.join(", ", SIGNED_FILES) + " says so), and the goal replaces its vendor folder whole: it is"
                + " left as it was. Give another -D" + GoalProperties.OUTPUT_DIRECTORY + ", or move that folder.");
    }

    /**
     * The goal's folder with the files it generates deleted (to regenerate them from scratch): nothing but
     * {@code terraform/}, holding either only Terraform's working files, or a local state that manages this very
     * function beside whatever else the user keeps there (a backend.tf, tfvars), all of which the run carries over. A
     * Terraform module of the user's has files of its own and a state of other resources: it stays refused.
     */
    private static boolean onlyWhatARegenerationKeeps(Path folder, String functionName) throws IOException {
        Path terraform = folder.resolve("terraform");
        if (!Files.isDirectory(terraform, LinkOption.NOFOLLOW_LINKS) || !names(folder).equals(List.of("terraform"))) {
            return false;
        }
        List<String> inside = names(terraform);
        if (TERRAFORM_WORKING_FILES.containsAll(inside)) {
            return true;
        }
        if (inside.stream().anyMatch(TerraformRenderer.FILES::contains)) {
            // unsigned, so not the goal's: the run would write over it
            return false;
        }
        try (Stream<Path> files = Files.walk(terraform)) {
            for (Path state : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".tfstate")
                    && !terraform.relativize(f).startsWith(".terraform") && Files.isRegularFile(f,
                            LinkOption.NOFOLLOW_LINKS))::iterator) {
                if (OutputWriter.STATE_FUNCTION_NAME.matcher(Files.readString(state)).results()
                        .anyMatch(managed -> managed.group(1).equals(functionName))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    /** The first characters of a file, where the goal's files say who generated them. */
    private static String head(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buffer = new char[512];
            int read = in.read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read);
        } catch (CharacterCodingException notText) {
            return "";
        }
    }
}
