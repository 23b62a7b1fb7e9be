package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what ECS sends before SIGKILL) writes every queued line before the process exits. */
class BackgroundWriterShutdownTest {

    /**
     * Guard: the application calls System.exit() with lines still queued, and a shutdown hook of its own logs while
     * the writer drains (JVM hooks run concurrently, in no fixed order): every line of both is written, each
     * thread's in order (index.adoc: "lines logged while shutting down are written directly").
     */
    @Test
    void systemExitWritesQueuedLinesAndThoseOfOtherShutdownHooks(@TempDir Path dir) throws Exception {
        int lines = 1000;
        int hookLines = 50; // written directly once the drain is done: 100 ms each on the slow stdout
        Path stdout = dir.resolve("stdout.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitFlushMain.class.getName(),
                String.valueOf(lines), String.valueOf(hookLines))
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(child.waitFor()).isZero();
            List<String> written = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            List<String> main = written.stream().filter(l -> l.startsWith("line ")).toList();
            List<String> hook = written.stream().filter(l -> l.startsWith("hook ")).toList();
            assertThat(written).hasSize(lines + hookLines);
            for (int i = 0; i < lines; i++) {
                assertThat(main.get(i)).startsWith("line " + i + " ");
            }
            for (int i = 0; i < hookLines; i++) {
                assertThat(hook.get(i)).isEqualTo("hook " + i);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sigtermWritesEveryQueuedLine(@TempDir Path dir) throws Exception {
        int lines = 2000;
        Path stdout = dir.resolve("stdout.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownFlushMain.class.getName(),
                String.valueOf(lines))
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        try (BufferedReader stderr = new BufferedReader(
                new InputStreamReader(child.getErrorStream(),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = stderr.readLine()) != null && !line.equals("LOGGED")) {
                // start-up noise, if any
            }
            assertThat(line).as("child logged its lines").isEqualTo("LOGGED");
            List<String> beforeTerm = Files.readAllLines(stdout);
            child.destroy(); // SIGTERM
            assertThat(child.waitFor()).isNotZero();
            List<String> written = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            // the test means something only if lines were still queued when SIGTERM came
            assertThat(beforeTerm.size()).isLessThan(lines);
            assertThat(written).hasSize(lines);
            for (int i = 0; i < lines; i++) {
                assertThat(written.get(i)).startsWith("line " + i + " ");
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
