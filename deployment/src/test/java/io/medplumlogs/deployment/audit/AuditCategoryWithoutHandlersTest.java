package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/** Cutting the audit category off from every handler drops its lines as surely as a level: refused the same way. */
class AuditCategoryWithoutHandlersTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".use-parent-handlers", "false"));

    @Test
    void startUpNamesTheSettingAndTheSwitch() {
        assertThat(APP.messages()).contains("use-parent-handlers=false", "quarkus.medplum-logs.audit.enabled=false");
    }
}
