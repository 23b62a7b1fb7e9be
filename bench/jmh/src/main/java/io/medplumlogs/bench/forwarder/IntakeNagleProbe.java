package io.medplumlogs.bench.forwarder;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Why warm runs against the fake intake were slow: the JDK's HTTP server (which the test fixtures use) answers like a
 * vendor ({@code 202 {}}) in two writes; with Nagle on, the second waits for the keep-alive client's delayed ACK.
 * 60 POSTs of {@code <body bytes>} random bytes with the forwarder's client settings (HTTP/1.1, one pooled
 * connection); prints p10/p50/p90 in ms. Run once plain and once with {@code -Dsun.net.httpserver.nodelay=true}.
 */
public final class IntakeNagleProbe {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[Integer.parseInt(args[0])];
        new Random(1).nextBytes(body);
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/logs");
        double[] ms = new double[60];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("body %s B, sun.net.httpserver.nodelay=%s: p10 %.1f ms, p50 %.1f ms, p90 %.1f ms%n", args[0],
                System.getProperty("sun.net.httpserver.nodelay"), ms[6], ms[30], ms[54]);
        server.stop(0);
        System.exit(0);
    }

    private IntakeNagleProbe() {
    }
}
