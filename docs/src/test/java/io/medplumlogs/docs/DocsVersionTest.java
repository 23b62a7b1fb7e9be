package io.medplumlogs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The version the docs tell users to depend on is the one this build makes: pages write {@code {project-version}},
 * and {@code antora.yml} sets it, so a release that bumps the pom but not the docs fails here.
 */
class DocsVersionTest {

    private static final Path DOCS = Path.of(".");
    private static final String VERSION = System.getProperty("medplum.docs.project-version");

    @Test
    void antoraProjectVersionIsThePomVersion() throws IOException {
        String antora = Files.readString(DOCS.resolve("antora.yml"), StandardCharsets.UTF_8);
        Matcher attribute = Pattern.compile("(?m)^\\s+project-version:\\s*(\\S+)\\s*$").matcher(antora);

        assertThat(VERSION).as("surefire passes the pom version").isNotBlank();
        assertThat(attribute.find()).as("antora.yml sets asciidoc attribute project-version").isTrue();
        assertThat(attribute.group(1)).isEqualTo(VERSION);
    }

    @Test
    void noPageHardCodesTheVersionOfADependency() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS.resolve("modules"))) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".adoc")).toList();
            assertThat(pages).isNotEmpty();
            for (Path page : pages) {
                assertThat(Files.readString(page, StandardCharsets.UTF_8))
                        .as("%s: write <version>{project-version}</version>", page)
                        .doesNotContain("<version>" + VERSION + "</version>");
            }
        }
    }
}
