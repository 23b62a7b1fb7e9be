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

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
