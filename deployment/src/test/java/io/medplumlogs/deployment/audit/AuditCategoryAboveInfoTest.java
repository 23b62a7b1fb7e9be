package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.StartFailure;
import io.medplumlogs.deployment.support.TestApp;

/**
 * A level that keeps `Request served` lines out while they are on would leave a silent gap in the audit trail: the
 * application refuses to start and says which two settings disagree.
 */
class AuditCategoryAboveInfoTest {

    @RegisterExtension
    static final StartFailure APP = StartFailure.failsToStart(TestApp.withJson()
            .overrideConfigKey("quarkus.log.category.\"io.medplumlogs.audit\".level", "WARN"));

    @Test
    void startUpNamesTheLevelAndTheSwitch() {
        assertThat(APP.messages()).contains("quarkus.log.category.\"io.medplumlogs.audit\".level", "WARN",
                "quarkus.medplum-logs.audit.enabled=false");
    }
}
