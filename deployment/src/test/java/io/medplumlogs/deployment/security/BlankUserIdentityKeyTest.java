package io.medplumlogs.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** A user-identity key of blanks is refused at start-up rather than hashing every user with it. */
class BlankUserIdentityKeyTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.user-identity-key", "   "));

    @Test
    void startFailsNamingTheKeyAndTheEntry() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.user-identity-key").contains("blank");
    }
}
