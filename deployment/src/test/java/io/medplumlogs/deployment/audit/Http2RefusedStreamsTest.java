package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * The documented limit (audit-lines.adoc, "Requests the HTTP layer rejects") over HTTP/2, which Quarkus serves
 * without TLS by default: a stream whose headers break HTTP/2's rules is reset by Netty, and a {@code CONNECT} is
 * answered 400 by Vert.x, before the router; neither gets IDs or a line. If this test starts failing, such streams
 * reach the router now: audit them and update the docs.
 */
class Http2RefusedStreamsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Test
    void streamsTheHttp2LayerRefusesGetNoIdsAndNoLine() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            assertThat(firstAnswer(new DefaultHttp2Headers(false).method("GET").scheme("http").authority("localhost")
                    .path("/log/worker?tag=upper").add("X-Trace-Id", "upper-token")))
                    .as("a header name with capitals").isEqualTo("RST_STREAM 1"); // PROTOCOL_ERROR
            assertThat(firstAnswer(new DefaultHttp2Headers().method("GET").authority("localhost")
                    .path("/log/worker?tag=noscheme"))).as("no :scheme").isEqualTo("RST_STREAM 1");
            assertThat(firstAnswer(new DefaultHttp2Headers().method("CONNECT").authority("localhost:443")))
                    .as("CONNECT").isEqualTo("HEADERS [:status: 400, content-length: 0]");

            String marker = firstAnswer(new DefaultHttp2Headers().method("GET").scheme("http").authority("localhost")
                    .path("/log/worker?tag=marker"));
            assertThat(marker).startsWith("HEADERS [:status: 200").contains("x-request-id");
            assertThat(console.await(m -> m.equals("Request served"), 1)).as("captured: %s", console.lines())
                    .singleElement().satisfies(line -> assertThat(marker).contains(line.path("requestId").asText()));
            assertThat(console.lines()).noneMatch(l -> l.contains("upper") || l.contains("noscheme"));
        }
    }

    /** Opens an h2c connection (prior knowledge), sends the headers as stream 1 and describes the first answer. */
    private static String firstAnswer(Http2Headers request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }); // SETTINGS, none
            ByteBuf block = Unpooled.buffer();
            new DefaultHttp2HeadersEncoder().encodeHeaders(1, request, block);
            int length = block.readableBytes();
            // HEADERS, END_STREAM | END_HEADERS, stream 1
            out.write(new byte[] { (byte) (length >> 16), (byte) (length >> 8), (byte) length, 1, 5, 0, 0, 0, 1 });
            block.readBytes(out, length);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int frameLength = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt();
                byte[] payload = new byte[frameLength];
                in.readFully(payload);
                if (stream != 1) {
                    continue; // SETTINGS, their ACK, WINDOW_UPDATE
                }
                if (type == 3) {
                    return "RST_STREAM " + (payload[3] & 0xff);
                }
                if (type == 1) {
                    int padding = (flags & 0x08) != 0 ? payload[0] & 0xff : 0;
                    int start = ((flags & 0x08) != 0 ? 1 : 0) + ((flags & 0x20) != 0 ? 5 : 0);
                    Http2Headers headers = new DefaultHttp2HeadersDecoder().decodeHeaders(1,
                            Unpooled.wrappedBuffer(payload, start, payload.length - start - padding));
                    return "HEADERS " + headers.toString().substring(headers.getClass().getSimpleName().length());
                }
            }
        }
    }
}
