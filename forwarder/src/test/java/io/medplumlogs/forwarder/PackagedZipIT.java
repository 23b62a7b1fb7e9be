package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged Lambda zip runs on its own: unpacked, its root and {@code lib/*.jar} are the only classpath of a child
 * JVM that gets its configuration from real environment variables, as in Lambda. A dependency missing from the zip
 * fails here, not in production.
 */
class PackagedZipIT {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void zipHasTheLambdaLayout() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
        }
        assertThat(names).contains("io/medplumlogs/forwarder/ForwarderHandler.class");
        // the generated Firehose stream names this handler in the same zip
        assertThat(names).contains(ForwarderContract.FIREHOSE_TRANSFORM_HANDLER.replaceFirst("::.*", "")
                .replace('.', '/') + ".class");
        assertThat(names).anyMatch(n -> n.matches("lib/medplum-logs-contract-.*\\.jar"));
        assertThat(names).anyMatch(n -> n.matches("lib/url-connection-client-.*\\.jar"));
        assertThat(names).noneMatch(n -> n.contains("netty") || n.contains("apache") || n.contains("junit")
                || n.contains("assertj") || n.contains("testing/"));
        assertThat(names).noneMatch(n -> n.startsWith("lib/medplum-logs-forwarder"));
    }

    @Test
    void handlerStartsFromTheUnpackedZipAndForwardsAndRedrives() throws Exception {
        Path unpacked = unzip(zipFile());
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.vendor.enqueue(Answer.status(400));
            Path first = Files.writeString(unpacked.resolve("event1.json"),
                    SubscriptionEvents.awsDocsSample().invocationJson());
            Path second = Files.writeString(unpacked.resolve("event2.json"),
                    SubscriptionEvents.builder().lines("{\"level\":\"INFO\",\"msg\":\"grüße\"}").invocationJson());
            Path redrive = Files.writeString(unpacked.resolve("redrive.json"), ForwarderContract.REDRIVE_EVENT);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = unpacked + File.pathSeparator + unpacked.resolve("lib") + File.separator + "*";
            Path launcher = unpacked.resolve("ZipLauncher.java");
            try (InputStream source = getClass().getResourceAsStream("/zip-launcher/ZipLauncher.java")) {
                Files.copy(source, launcher);
            }
            Path results = unpacked.resolve("results.txt");
            ProcessBuilder builder = new ProcessBuilder(java, "-Dresults=" + results, "-cp", classpath,
                    launcher.toString(), first.toString(), second.toString(), redrive.toString())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(fixture.environment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            // everything Lambda would capture (stdout and stderr, SLF4J's start-up included) is the forwarder's JSON
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject())
                    .as(line).isTrue());
            assertThat(lines).noneMatch(l -> l.contains("SLF4J"));
            assertThat(lines).filteredOn(l -> l.contains("\"msg\":\"Forwarded log events\""))
                    .hasSize(2).allSatisfy(l -> assertThat(l).contains("\"awsRequestId\":\"zip-launcher\""))
                    .first().satisfies(l -> assertThat(l).contains("\"coldStart\":true"));
            // one Embedded Metric Format line per subscription batch, and one for the redrive
            assertThat(lines).filteredOn(l -> l.contains("\"_aws\":{\"Timestamp\""))
                    .hasSize(3).allSatisfy(l -> assertThat(l).contains("\"Namespace\":\"MedplumLogs/Forwarder\""))
                    .last().satisfies(l -> assertThat(l).contains("\"RedriveRedelivered\":1"));
            assertThat(Files.readString(results)).contains("RESULT {\"chunks\":1,\"chunksDelivered\":0,\"chunksDeadLettered\":1")
                    .contains("RESULT {\"chunks\":1,\"chunksDelivered\":1")
                    .contains("RESULT {\"redelivered\":1,\"stillFailing\":0,");
            assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText())
                    .containsExactly("grüße", "REPORT RequestId: 6234bffe-149a-b642-81ff-2e8e376d8aff\tDuration: "
                            + "46.84 ms\tBilled Duration: 47 ms \tMemory Size: 192 MB\tMax Memory Used: 72 MB\t");
            assertThat(fixture.sqs.messages()).isEmpty();
            assertThat(fixture.secrets.reads()).isEqualTo(1);
        }
    }

    static File zipFile() {
        File zip = new File(System.getProperty("forwarder.zip", "target/" + ForwarderContract.zipFileName("0.1.0-SNAPSHOT")));
        assertThat(zip).as("run 'mvn verify': the zip is built in the package phase").exists();
        return zip;
    }

    static Path unzip(File zipFile) throws IOException {
        Path dir = Files.createTempDirectory("medplum-logs-lambda");
        try (ZipFile zip = new ZipFile(zipFile)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry escapes: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return dir;
    }
}
