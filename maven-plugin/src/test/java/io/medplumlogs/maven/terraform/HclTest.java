package io.medplumlogs.maven.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever string the Terraform module holds, Terraform reads it back as written: a {@code ${} or {@code %{} stays
 * text instead of starting a template, and control characters cannot end the string. What HCL cannot hold at all (an
 * unpaired surrogate: "Cannot encode character U+d800 in UTF-8") is refused by the writer; the goal never lets one
 * through (DeploymentFactory's filterPattern rule).
 */
class HclTest {

    @TempDir
    Path dir;

    @Test
    void templateSequencesStayText() {
        assertThat(Hcl.quote("${var.x} %{if true}y%{endif} $${ $x %x")).isEqualTo(
                "\"$${var.x} %%{if true}y%%{endif} $$${ $x %x\"");
    }

    @Test
    void anUnpairedSurrogateIsRefusedNotWrittenAsTextTerraformCannotRead() {
        assertThatThrownBy(() -> Hcl.quote("x\uD800y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D800");
        assertThat(Hcl.quote("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
    }

    /** Terraform itself (its console, no provider needed) compares the value with the same text read from JSON. */
    @Test
    void everyCharacterReadsBackFromTerraformAsWritten() throws Exception {
        StringBuilder all = new StringBuilder("${x} %{ if } $${ %%{ \\ \" ");
        for (int c = 1; c <= 0xFFFF; c++) {
            if (!Character.isSurrogate((char) c)) {
                all.append((char) c);
            }
        }
        all.append("\uD83D\uDE00");
        Files.writeString(dir.resolve("main.tf"), "locals {\n  value = " + Hcl.quote(all.toString()) + "\n}\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("expected.json"), json(all.toString()), StandardCharsets.UTF_8);

        assertThat(console("local.value == jsondecode(file(\"expected.json\"))")).isEqualTo("true");
    }

    /** Only ASCII in the file, so the comparison does not depend on how Java and Terraform encode text. */
    private static String json(String text) {
        StringBuilder j = new StringBuilder("\"");
        text.chars().forEach(c -> j.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return j.append('"').toString();
    }

    private String console(String expression) throws Exception {
        Process terraform;
        try {
            terraform = new ProcessBuilder("terraform", "console").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Assumptions.abort("no terraform on the PATH: " + e.getMessage());
            throw e;
        }
        try (var in = terraform.getOutputStream()) {
            in.write((expression + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(terraform.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(terraform.waitFor(2, TimeUnit.MINUTES)).as("terraform console finished").isTrue();
        assertThat(terraform.exitValue()).as("terraform console: " + output).isZero();
        return output.strip();
    }
}
