package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

class InvalidTrustedProxyTest {

    // One bad key per class, alike on purpose: Quarkus starts (here: fails to start) one application per test class.
    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.trusted-proxies", "10.0.0.0/8,10.0.0.0/33"));

    @Test
    void startFailsNamingTheKeyTheEntryAndTheSyntax() {
        assertThat(APP.messages()).contains("quarkus.medplum-logs.trusted-proxies").contains("10.0.0.0/33")
                .contains("prefix length must be 0..32")
                .contains("expected a CIDR or a single address, IPv4 or IPv6, e.g. 10.0.0.0/16");
    }
}
