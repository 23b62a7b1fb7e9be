package io.medplumlogs.maven.readme;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.medplumlogs.maven.Requests;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's re-send commands as written, with a stand-in {@code aws} that serves a backup object of three
 * records and can refuse a put-record, as Firehose does when the stream is throttled or gone. A re-send that goes on
 * past a refused record, or gives no way to resume after it, makes the operator run the whole object again: every
 * record that did go in is then sent twice.
 */
class ResendCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aRefusedRecordStopsTheResendAndAResumeSendsEachRecordOnce() throws Exception {
        assumeTrue(onPath("bash") && onPath("jq") && onPath("gzip"),
                "needs bash, gzip and jq on the PATH (install jq) to run the README's re-send commands");
        String commands = resendCommands();
        writeStub();

        Result first = run(commands, 2);
        assertThat(first.exit).as("the loop must fail when a record is refused: " + first.output).isNotZero();
        assertThat(sent()).containsExactly("cmVjb3JkLTE=");
        assertThat(first.output).contains("START=2");

        // what the README says to do: run again from the number it printed
        Result again = run(commands.replace("START=1", "START=2"), 0);
        assertThat(again.exit).as(again.output).isZero();
        assertThat(sent()).containsExactly("cmVjb3JkLTE=", "cmVjb3JkLTI=", "cmVjb3JkLTM=");
    }

    private static String resendCommands() {
        String readme = ReadmeRenderer.render(deployment(Requests.datadog().withTransport("firehose")));
        String section = readme.substring(readme.indexOf("## Re-sending backed-up records"));
        int start = section.indexOf("```sh\n") + "```sh\n".length();
        return section.substring(start, section.indexOf("```", start));
    }

    /** {@code aws s3 cp} gives a gzipped backup object; {@code aws firehose put-record} logs the record's data. */
    private void writeStub() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            for (String data : List.of("cmVjb3JkLTE=", "cmVjb3JkLTI=", "cmVjb3JkLTM=")) {
                out.write(("{\"rawData\":\"" + data + "\",\"errorCode\":\"Lambda.FunctionError\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(dir.resolve("object.gz"), gz.toByteArray());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, String.join("\n", "#!/usr/bin/env bash",
                "if [ \"$1 $2\" = 's3 cp' ]; then cp \"$STUB/object.gz\" \"$4\"; exit 0; fi",
                "if [ \"$1 $2\" = 'firehose put-record' ]; then",
                "  n=$(( $(cat \"$STUB/calls\" 2>/dev/null || echo 0) + 1 )); echo $n > \"$STUB/calls\"",
                "  if [ \"$n\" = \"$FAIL_AT\" ]; then echo 'ServiceUnavailableException' >&2; exit 254; fi",
                "  jq -r .Record.Data \"${4#file://}\" >> \"$STUB/sent\"; exit 0",
                "fi",
                "exit 2", ""));
        assertThat(aws.toFile().setExecutable(true)).isTrue();
    }

    private Result run(String commands, int failAt) throws Exception {
        Files.deleteIfExists(dir.resolve("calls"));
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commands).directory(work.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("STUB", dir.toString());
        pb.environment().put("FAIL_AT", String.valueOf(failAt));
        pb.environment().put("BACKUP_BUCKET", "backup");
        pb.environment().put("KEY", "backup-errors/processing-failed/2026/12/05/object");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private List<String> sent() throws IOException {
        Path sent = dir.resolve("sent");
        return Files.exists(sent) ? Files.readAllLines(sent) : List.of();
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {
    }
}
