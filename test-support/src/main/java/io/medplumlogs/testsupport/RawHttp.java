package io.medplumlogs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.restassured.RestAssured;

/**
 * Sends a request line exactly as given, over a plain socket: HTTP clients (and {@code curl} without
 * {@code --path-as-is}) would resolve {@code ..}, re-encode or refuse what an attacker sends as is.
 */
public final class RawHttp {

    /** Status line and headers of the response, and its body (for chunked bodies: with the chunk framing). */
    public record Response(String statusLine, String head, String body) {

        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The value of a response header, or {@code null}. */
        public String header(String name) {
            String wanted = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    return line.substring(wanted.length()).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** {@code GET target HTTP/1.1} to the test app, connection closed after the response. */
    public static Response get(String target) throws IOException {
        return send("GET " + target + " HTTP/1.1");
    }

    public static Response send(String requestLine) throws IOException {
        return sendAsIs(requestLine + "\r\nHost: localhost\r\nUser-Agent: raw-socket\r\nConnection: close\r\n\r\n");
    }

    /** The whole request as given (request line, headers, blank line), e.g. one without a {@code Host} header. */
    public static Response sendAsIs(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? response : response.substring(0, headEnd);
            int firstLineEnd = head.indexOf("\r\n");
            return new Response(firstLineEnd < 0 ? head : head.substring(0, firstLineEnd), head,
                    headEnd < 0 ? "" : response.substring(headEnd + 4));
        }
    }
}
