package io.medplumlogs.forwarder.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate (for 127.0.0.1 unless told otherwise), made with the JDK's keytool: the server side for a fake HTTPS vendor, and a
 * client side that trusts exactly that certificate (nothing is trusted blindly).
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;
    private final char[] password;

    private SelfSignedTls(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /** A certificate for 127.0.0.1 and localhost. */
    public static SelfSignedTls create() {
        return create("ip:127.0.0.1,dns:localhost");
    }

    /** A certificate whose subject alternative names are {@code san} (keytool's form), e.g. {@code dns:other.example}. */
    public static SelfSignedTls create(String san) {
        try {
            Path dir = Files.createTempDirectory("medplum-logs-tls");
            Path file = dir.resolve("fake-vendor.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "fake-vendor",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (FileInputStream in = new FileInputStream(file.toFile())) {
                store.load(in, PASSWORD);
            }
            return new SelfSignedTls(store, PASSWORD);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    /** A key pair from a PKCS12 resource on the class path (the one the forwarder's zip ships for its priming). */
    public static SelfSignedTls fromResource(Class<?> owner, String name, char[] password) {
        try (java.io.InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path next to " + owner.getName());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new SelfSignedTls(store, password);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** For the fake server: presents the certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the forwarder under test: trusts this certificate and nothing else; hostname checks stay on. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
