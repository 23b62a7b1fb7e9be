package io.medplumlogs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/demo, the README's quick start, on machines that are not the author's: run from a copy of the script in a
 * directory whose path has spaces, with a stand-in {@code mvn} first on the PATH (src/test/resources/demo-script/mvn)
 * that builds nothing, prints its version line the way Maven does (Debian's 3.8.7 inside colour escapes, also into a
 * pipe) and fetches a Maven distribution, or fails to, as each test says.
 */
class DemoScriptTest {

    private static final Path SCRIPT = Path.of("..", "bin", "demo");
    private static final Path STUB = Path.of("src", "test", "resources", "demo-script", "mvn");

    @TempDir
    Path temp;
    private Path repo;
    private Path stubs;
    private Path log;
    private String distVersion;

    record Run(int exit, String output) {
    }

    @BeforeEach
    void copyTheScript() throws IOException {
        repo = temp.resolve("my projects").resolve("medplum logs");
        Files.createDirectories(repo.resolve("bin"));
        Files.copy(SCRIPT, repo.resolve("bin/demo"));
        stubs = temp.resolve("stub bin");
        Files.createDirectories(stubs);
        Files.copy(STUB, stubs.resolve("mvn"));
        for (Path exe : List.of(repo.resolve("bin/demo"), stubs.resolve("mvn"))) {
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        log = temp.resolve("mvn calls.log");
        Matcher m = Pattern.compile("MAVEN_DIST_VERSION=(\\S+)")
                .matcher(Files.readString(SCRIPT, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        distVersion = m.group(1);
    }

    @Test
    void aMaven39IsUsedAsItIs() throws Exception {
        Run run = demo("3.9.6", "offline");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(calls()).as(run.output()).noneMatch(c -> c.contains("dependency:copy"))
                .last().isEqualTo("mvn -f integration-tests/pom.xml quarkus:dev");
    }

    @Test
    void withoutAMaven39DistributionTheScriptStopsSayingWhatToInstall() throws Exception {
        Run run = demo("3.8.7", "offline");

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("mvn 3.8.7 is too old for Quarkus dev mode")
                .contains("org.apache.maven:apache-maven:" + distVersion + ":tar.gz:bin")
                .contains("install Maven 3.9 or newer");
        assertThat(calls()).noneMatch(c -> c.contains("quarkus:dev"));
    }

    @Test
    void aDistributionWhoseUnpackingWasCutShortIsNotUsed() throws Exception {
        Run cut = demo("3.8.7", "truncated");
        assertThat(cut.exit()).as(cut.output()).isNotZero();

        Run next = demo("3.8.7", "good");

        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(calls()).as(next.output()).noneMatch(c -> c.startsWith("HALF-EXTRACTED-MAVEN"))
                .last().isEqualTo("FETCHED-MAVEN -f integration-tests/pom.xml quarkus:dev");
    }

    private Run demo(String mvnVersion, String fetch) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("bin/demo").toString())
                .directory(temp.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", stubs + ":" + env.get("PATH"));
        env.put("MVN_STUB_LOG", log.toString());
        env.put("MVN_STUB_VERSION", mvnVersion);
        env.put("MVN_STUB_FETCH", fetch);
        env.put("MVN_STUB_DIST", distVersion);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }
}
