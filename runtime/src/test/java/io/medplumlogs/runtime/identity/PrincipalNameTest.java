package io.medplumlogs.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.Principal;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * An application's principal may fail to give its name in any way Java allows at run time: a checked exception thrown
 * where none is declared (Kotlin, Lombok's @SneakyThrows) or an Error (a class its lazy loading needs is missing).
 * None of them may escape into Quarkus' authentication, where it fails the application's request.
 */
class PrincipalNameTest {

    @Test
    void aNameThatCannotBeReadIsAbsentWhateverTheThrowable() {
        for (Throwable failure : new Throwable[] { new IllegalStateException("directory down"),
                new IOException("directory down"), new NoClassDefFoundError("com/acme/Directory"),
                new StackOverflowError("the principal's own recursion") }) {
            Principal lazy = () -> PrincipalNameTest.<RuntimeException>sneaky(failure);
            QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(lazy).build();
            assertThat(PrincipalName.of(identity)).as(failure.toString()).isNull();
            assertThat(PrincipalName.authenticated(identity)).as(failure.toString()).isTrue();
        }
    }

    @Test
    void aReadableNameIsItsName() {
        Principal alice = () -> "alice";
        assertThat(PrincipalName.of(QuarkusSecurityIdentity.builder().setPrincipal(alice).build())).isEqualTo("alice");
        assertThat(PrincipalName.of(null)).isNull();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> String sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
