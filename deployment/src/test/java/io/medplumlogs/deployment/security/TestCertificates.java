package io.medplumlogs.deployment.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server key for {@code localhost} and a client key for {@code CN=alice}, each trusted by the other side, made with
 * the running JDK's {@code keytool} into a fresh folder: nothing to commit, nothing that expires in the repository.
 */
final class TestCertificates {

    private TestCertificates() {
    }

    /** @return the folder holding server.p12, server-trust.p12, client.p12 and client-trust.p12 */
    static Path make(String password) {
        try {
            Path dir = Files.createTempDirectory("medplum-logs-mtls");
            dir.toFile().deleteOnExit();
            pair(dir, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", password);
            pair(dir, "client", "CN=alice,O=Clinic", null, password);
            trust(dir, "client", "server-trust.p12", password);
            trust(dir, "server", "client-trust.p12", password);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the test certificates: " + e.getMessage(), e);
        }
    }

    private static void pair(Path dir, String name, String subject, String extension, String password)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", subject, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                dir.resolve(name + ".p12").toString(), "-storepass", password, "-keypass", password));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
        keytool(List.of("-exportcert", "-alias", name, "-keystore", dir.resolve(name + ".p12").toString(),
                "-storepass", password, "-file", dir.resolve(name + ".crt").toString()));
    }

    private static void trust(Path dir, String name, String store, String password) throws IOException {
        keytool(List.of("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".crt").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve(store).toString(), "-storepass", password));
    }

    private static void keytool(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + args.get(0) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
