package io.medplumlogs.deployment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A log file a test application writes through a file handler, for tests of where lines land. */
public final class LogFile {

    private LogFile() {
    }

    /**
     * One fresh path per test run (no earlier run's lines can pass for this one's), with nothing at it yet. Shared
     * through a system property: QuarkusUnitTest initialises a test class twice (JUnit's class loader and the
     * application's), and both must name the same file.
     */
    public static Path fresh(String name) {
        return Path.of((String) System.getProperties().computeIfAbsent("medplumlogs.test.log-file." + name, key -> {
            try {
                // under target/, not the machine's temp folder: test runs must not leave files behind
                Path folder = Files.createDirectories(Path.of("target", "test-logs"));
                Path file = Files.createTempFile(folder, name, ".log");
                Files.delete(file);
                return file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** The file's text once it contains {@code text}, or whatever it holds after 10 s. */
    public static String awaitContaining(Path file, String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String content = "";
        while (Instant.now().isBefore(deadline)) {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(50);
        }
        return content;
    }
}
