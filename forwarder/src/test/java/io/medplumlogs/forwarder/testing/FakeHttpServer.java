package io.medplumlogs.forwarder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) server on 127.0.0.1 with an ephemeral port; several threads so a slow answer blocks no one. */
abstract class FakeHttpServer implements AutoCloseable {

    static {
        // The JDK server writes response headers and body separately with Nagle on: against a keep-alive client the
        // body then waits for the client's delayed ACK, ~40 ms per request that no real intake costs (bench/README).
        // Read once, when the JDK's server classes load: set before the first server of this JVM is created. An explicit
        // -Dsun.net.httpserver.nodelay=false brings the stall back (bench/README: how much of a warm run it was).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String scheme;

    FakeHttpServer(SSLContext tls) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(address, 0);
                scheme = "http";
            } else {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
                scheme = "https";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (RuntimeException e) {
                respond(exchange, 500, "{\"fake\":\"" + e + "\"}");
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    abstract void handle(HttpExchange exchange) throws IOException;

    /** {@code http://127.0.0.1:<port>} (or https). */
    public String baseUrl() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
