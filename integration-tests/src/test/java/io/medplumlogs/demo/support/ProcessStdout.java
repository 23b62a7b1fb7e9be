package io.medplumlogs.demo.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Keeps a copy of the packaged app's stdout and stderr for {@code @QuarkusIntegrationTest}s.
 * <p>
 * Quarkus 3.33 starts the jar with {@code -Dquarkus.log.file.path=target/quarkus.log}: that file is the <em>file</em>
 * handler's output, in Quarkus' own pattern, not what the console (and so CloudWatch) gets. The process' stdout is
 * drained by the launcher's {@code LauncherUtil$ProcessReader} into this JVM's {@code System.out}, which it reads
 * when the process starts — after test resources have started. This resource swaps in a {@code System.out} and
 * {@code System.err} that additionally append, byte for byte, whatever that reader copies to
 * {@code target/app-stdout.log} and {@code target/app-stderr.log}.
 */
public class ProcessStdout implements QuarkusTestResourceLifecycleManager {

    public static final Path STDOUT = Path.of("target", "app-stdout.log");
    public static final Path STDERR = Path.of("target", "app-stderr.log");
    private static final String PROCESS_READER = "io.quarkus.test.common.LauncherUtil$ProcessReader";

    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public Map<String, String> start() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(tee(originalOut, STDOUT));
        System.setErr(tee(originalErr, STDERR));
        return Map.of();
    }

    @Override
    public void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** The app's stdout so far, line by line (delimiter kept). */
    public static List<String> stdoutLines() {
        return lines(STDOUT);
    }

    public static String stderr() {
        return String.join("", lines(STDERR));
    }

    static List<String> lines(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return List.of(text.split("(?<=\n)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrintStream tee(PrintStream original, Path file) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream copy = Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public synchronized void write(byte[] b, int off, int len) throws IOException {
                    original.write(b, off, len);
                    if (fromTheApp()) {
                        copy.write(b, off, len);
                        copy.flush();
                    }
                }

                @Override
                public void flush() {
                    original.flush();
                }
            }, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only what the launcher copies from the app process, not what this JVM prints itself. */
    private static boolean fromTheApp() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(PROCESS_READER)));
    }
}
