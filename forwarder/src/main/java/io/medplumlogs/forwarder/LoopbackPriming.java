package io.medplumlogs.forwarder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Warms the HTTPS path of {@code java.net.http} during a SnapStart init: one request, built as the first batch's would
 * be, goes over loopback to a server in this process, so that the snapshot holds the TLS handshake, certificate path
 * validation, HTTP/1.1 exchange and response handling already loaded and run once; otherwise the first batch after a
 * restore loads them while its vendor connection waits. Nothing leaves the machine: the server listens on 127.0.0.1
 * only and answers one connection, and the client is a separate one that trusts only the certificate in
 * {@code loopback-priming.p12}. That key pair is not a secret: it is in the zip, authenticates nothing but this
 * exchange, and the vendor client never trusts it. Best effort: if anything fails, the first batch loads the same code
 * itself, so failures are swallowed (a log line from init would be noise).
 */
final class LoopbackPriming {

    private static final String KEY_STORE = "loopback-priming.p12";
    private static final char[] PASSWORD = "priming".toCharArray();
    private static final int TIMEOUT_MILLIS = 5_000;

    private LoopbackPriming() {
    }

    /** Sends {@code request} (its URI replaced by the loopback server's) and waits for the answer. */
    static void send(HttpRequest.Builder request) {
        try (SSLServerSocket server = serverSocket()) {
            Thread answer = new Thread(() -> answerOne(server), "medplum-logs-loopback-priming");
            answer.setDaemon(true);
            answer.start();
            HttpClient client = VendorHttpClient.create(clientContext());
            client.send(request.uri(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/priming"))
                    .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
            answer.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // best effort, see the class comment
        }
    }

    private static KeyStore keyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackPriming.class.getResourceAsStream(KEY_STORE)) {
            if (in == null) {
                throw new IOException(KEY_STORE + " is missing");
            }
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLServerSocket serverSocket() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    /** The same PKIX validation as the vendor client's default trust managers, with only the loopback certificate. */
    private static SSLContext clientContext() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        KeyStore store = keyStore();
        trusted.setCertificateEntry("loopback", store.getCertificate(store.aliases().nextElement()));
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Reads one HTTP/1.1 request (headers, then a Content-Length body) and answers 200 with an empty JSON object. */
    private static void answerOne(SSLServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            long length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            in.skipNBytes(length);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // best effort: the client times out or fails, and the priming is skipped
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
