package io.medplumlogs.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TypedUserNameTest {

    @Test
    void theNameIsEverythingBeforeTheFirstColon() {
        assertThat(TypedUserName.basicUser(base64("alice:pa:ss"))).isEqualTo("alice");
        assertThat(TypedUserName.basicUser(base64("jos\u00e9@example.com:pw"))).isEqualTo("jos\u00e9@example.com");
    }

    @Test
    void withoutAUserPartThereIsNoName() {
        // No colon: the whole value may be a password (or a token sent under the wrong scheme).
        assertThat(TypedUserName.basicUser(base64("Tr0ub4dor&3"))).isNull();
        assertThat(TypedUserName.basicUser(base64(":pw"))).isNull();
        assertThat(TypedUserName.basicUser("%%%not-base64")).isNull();
        assertThat(TypedUserName.basicUser("")).isNull();
    }

    @Test
    void theNameIsDecodedAsUtf8LikeQuarkusDecodesIt() {
        // an overlong ':' (C0 BA) is not a colon: UTF-8 decoding turns it into U+FFFD, so there is no user part
        assertThat(TypedUserName.basicUser(base64(new byte[] { 'b', 'o', 'b', (byte) 0xC0, (byte) 0xBA, 'p' })))
                .isNull();
        // invalid bytes before a real colon: the name Quarkus reads, with U+FFFD, not the raw bytes
        assertThat(TypedUserName.basicUser(base64(new byte[] { 'b', (byte) 0xFF, 'b', ':', 'p' })))
                .isEqualTo("b\uFFFDb");
        // base64 without padding is read, as java.util.Base64 (Quarkus' decoder) reads it
        assertThat(TypedUserName.basicUser("Ym9iOnA")).isEqualTo("bob");
        // MIME or URL-safe alphabets are not the basic alphabet: no name, as Quarkus fails them
        assertThat(TypedUserName.basicUser("Ym9i\r\nOnA=")).isNull();
        assertThat(TypedUserName.basicUser("_-8:")).isNull();
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
