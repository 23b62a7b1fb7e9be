package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The {@code ua} field from the bytes a client really sends (HTTP clients refuse non-ASCII headers, attackers and
 * some real agents don't): valid UTF-8 reads as UTF-8, and a C1 control byte such as NEL (0x85), which line-based
 * readers take for a line end, is escaped.
 */
class UserAgentBytesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @TestHTTPResource("/")
    URL root;

    @Test
    void utf8UserAgentIsDecodedAsUtf8() throws Exception {
        String ua = "M\u00fcller-Client/1.0 (\u65e5\u672c; \u2713)";
        try (ConsoleLines console = ConsoleLines.capture()) {
            send("utf8", ua.getBytes(StandardCharsets.UTF_8));

            JsonNode line = served(console, "utf8");
            assertThat(line.get("ua").asText()).isEqualTo(ua);
        }
    }

    @Test
    void nelAndOtherC1BytesAreEscapedNotWrittenRaw() throws Exception {
        // 0x85 alone is not UTF-8: the value keeps one char per byte, U+0085 and U+0096, and the line escapes them
        byte[] ua = { 'b', 'o', 't', (byte) 0x85, '{', '"', 'x', '"', ':', '1', '}', (byte) 0x96, (byte) 0xe9 };
        try (ConsoleLines console = ConsoleLines.capture()) {
            send("c1", ua);

            List<String> raw = console.lines().stream().filter(l -> l.contains("/log/worker?tag=***")).toList();
            assertThat(raw).hasSize(1);
            String text = raw.get(0);
            assertThat(text.chars().filter(c -> c >= 0x80 && c <= 0x9f)).isEmpty();
            assertThat(text).contains("bot\\u0085{\\\"x\\\":1}\\u0096\u00e9");
            assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
            assertThat(served(console, "c1").get("ua").asText()).isEqualTo("bot\u0085{\"x\":1}\u0096\u00e9");
        }
    }

    /** The 512-character cap never cuts a character in half (a lone surrogate is not text any reader can show). */
    @Test
    void aLongUserAgentIsCutTo512CharactersWithoutSplittingACharacter() throws Exception {
        String ua = "a".repeat(511) + "\uD83D\uDE00" + "b".repeat(2000); // the emoji straddles the cap
        try (ConsoleLines console = ConsoleLines.capture()) {
            send("long", ua.getBytes(StandardCharsets.UTF_8));

            String logged = served(console, "long").get("ua").asText();
            assertThat(logged).isEqualTo("a".repeat(511));
            // a lone half would have been written as U+FFFD
            assertThat(console.lines()).noneMatch(l -> l.contains("\uFFFD"));
        }
    }

    private void send(String tag, byte[] userAgent) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("GET /log/worker?tag=" + tag + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ")
                .getBytes(StandardCharsets.US_ASCII));
        request.write(userAgent);
        request.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        }
    }

    private static JsonNode served(ConsoleLines console, String tag) {
        List<JsonNode> lines = console.await(m -> m.equals("Request served"), 1);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("path").asText()).isEqualTo("/log/worker?tag=***");
        return lines.get(0);
    }
}
