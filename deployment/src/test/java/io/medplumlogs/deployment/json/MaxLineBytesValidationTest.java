package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;

class MaxLineBytesValidationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.medplum-logs.max-line-bytes", "100")
            .assertException(e -> assertThat(rootCauses(e)).contains("quarkus.medplum-logs.max-line-bytes"));

    @Test
    void startFails() {
        // the assertion is on the start-up failure above
    }

    private static String rootCauses(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
