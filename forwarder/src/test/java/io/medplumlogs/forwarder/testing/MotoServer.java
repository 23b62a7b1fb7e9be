package io.medplumlogs.forwarder.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real {@code moto_server} (AWS's SQS and Secrets Manager as moto 5.2.1 implements them: message size limits,
 * visibility, batch deletes, secret versions) on a free loopback port, one per test class, emptied before each test.
 * Use as {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}. Where python3 or moto is missing
 * the tests are skipped, naming what to install.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    public static final String INSTALL = "pip install 'moto[server]==5.2.1'";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "AKIDMOTOTESTKEY";
    public static final String SECRET_KEY = "moto-test-secret-access-key";

    private Process process;
    private int port;
    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(motoInstalled(), "moto_server is not available for python3; to run this test: "
                + INSTALL);
        port = freePort();
        log = Files.createTempFile("moto-server", ".log");
        process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > end) {
                String output = Files.readString(log);
                stop();
                throw new IllegalStateException("moto_server did not start on port " + port + ": " + output);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        post("/moto-api/reset");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (log != null) {
            log.toFile().delete();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void post(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.getOutputStream().close();
        if (connection.getResponseCode() != 200) {
            throw new IOException("moto " + path + " answered " + connection.getResponseCode());
        }
        connection.disconnect();
    }

    private static boolean motoInstalled() {
        try {
            Process check = new ProcessBuilder(List.of("python3", "-c", "import moto.server, flask"))
                    .redirectErrorStream(true).redirectOutput(new File(System.getProperty("java.io.tmpdir"),
                            "moto-check.log")).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
