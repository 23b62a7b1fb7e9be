package io.medplumlogs.maven;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@code moto_server} of the test's own on a free loopback port, up once it answers, stopped by its own handle. */
final class MotoServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Readiness, not timing: polls until moto answers; fails if it died or never came up. */
    static MotoServer start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer moto = new MotoServer(process, "http://127.0.0.1:" + port);
        for (int i = 0; i < 600 && !moto.answers(); i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited, see " + log);
            }
            Thread.sleep(100);
        }
        if (!moto.answers()) {
            moto.close();
            throw new IllegalStateException("moto_server does not answer on " + moto.endpoint + ", see " + log);
        }
        return moto;
    }

    String endpoint() {
        return endpoint;
    }

    void reset() throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private boolean answers() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
