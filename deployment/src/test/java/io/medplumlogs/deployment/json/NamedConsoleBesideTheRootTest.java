package io.medplumlogs.deployment.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Handler;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A console configured by name for the audit category that also passes the records on to the root's console
 * (use-parent-handlers left at true) writes every audit line a second time: it is left as it is (as JSON too, every
 * Request served line would be counted twice) and a warning at start-up says how to route the category on its own.
 */
class NamedConsoleBesideTheRootTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson()
            .overrideConfigKey("quarkus.log.handler.console.\"AUDIT\".enable", "true")
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".handlers", "AUDIT")
            .setLogRecordPredicate(r -> r.getLoggerName().equals("io.medplumlogs"))
            .assertLogRecords(records -> assertThat(records).anySatisfy(r -> assertThat(r.getMessage())
                    .contains("quarkus.log.category.\"io.medplumlogs.audit\".use-parent-handlers=false")));

    @Test
    void theSecondCopyStaysWhatItWasAndAWarningSaysSo() {
        for (Handler handler : Logger.getLogger("io.medplumlogs.audit").getHandlers()) {
            if (handler instanceof ConsoleHandler console) {
                assertThat(console.getFormatter()).isNotInstanceOf(JsonLineFormatter.class);
                return;
            }
        }
        throw new AssertionError("no console handler on io.medplumlogs.audit");
    }
}
