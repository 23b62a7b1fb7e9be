package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.runtime.audit.AuditLineLevels;
import io.medplumlogs.runtime.json.ConsoleJsonInstaller;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A console handler above INFO drops audit lines from stdout (they may still reach a file or syslog handler): the
 * application starts, and the start-up check says so rather than leaving the absence to be found by an auditor.
 */
class ConsoleAboveInfoTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson().overrideConfigKey("quarkus.log.console.level", "WARN");

    @Test
    void theApplicationStartsAndTheCheckOnItsConsoleWarns() {
        // the start-up check, run again against the console handler Quarkus configured for this application
        List<String> warnings = new ArrayList<>();
        AuditLineLevels.check(true, true, warnings::add);

        assertThat(warnings).singleElement().asString()
                .contains("quarkus.log.console.level is WARN", "'Request served'", "not written to the console");
    }

    @Test
    void atInfoOrBelowThereIsNothingToSay() {
        var console = ConsoleJsonInstaller.consoles().get(0);
        var level = console.getLevel();
        try {
            console.setLevel(Level.INFO);
            List<String> warnings = new ArrayList<>();
            AuditLineLevels.check(true, true, warnings::add);
            assertThat(warnings).isEmpty();
        } finally {
            console.setLevel(level);
        }
    }
}
