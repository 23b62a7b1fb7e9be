package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * A build-time minimum level above INFO on a parent category ({@code io.medplumlogs}, as a developer quietening "the
 * extension" would write it) raises the audit category's floor as surely as {@code quarkus.log.min-level}: refused the
 * same way, naming the category min-level and the switch. Runs in a JVM of its own (see the deployment pom).
 */
class ParentCategoryMinLevelOwnJvmTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs\".min-level", "WARN"));

    @Test
    void startUpNamesTheCategoryMinLevelAndTheSwitch() {
        assertThat(APP.messages()).contains("logger io.medplumlogs.audit is at WARN",
                "quarkus.log.category.\"<this category or a parent>\".min-level",
                "quarkus.medplum-logs.audit.enabled=false");
    }
}
