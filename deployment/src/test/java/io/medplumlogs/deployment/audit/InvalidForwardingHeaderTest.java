package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

class InvalidForwardingHeaderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain()
            .overrideConfigKey("quarkus.medplum-logs.forwarding-header", "x_forwarded")
            .assertException(e -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains("quarkus.medplum-logs.forwarding-header").contains("x_forwarded");
            });

    @Test
    void startFails() {
        // asserted on the start-up failure above
    }
}
