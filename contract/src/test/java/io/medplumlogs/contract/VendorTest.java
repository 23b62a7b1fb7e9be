package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VendorTest {

    @Test
    void namesAreReadAsUsersWriteThem() {
        assertThat(Vendor.fromId(" DataDog ")).contains(Vendor.DATADOG);
        assertThat(Vendor.fromId("sumologic")).contains(Vendor.SUMOLOGIC);
        assertThat(Vendor.fromId("sumo")).isEmpty();
        assertThat(Vendor.fromId(null)).isEmpty();
        assertThat(Vendor.validIds()).isEqualTo("datadog, splunk, sumologic");
    }

    @Test
    void datadogSitesGiveTheirIntakeHost() {
        assertThat(DatadogSite.fromDomain("datadoghq.eu").map(DatadogSite::logsIntakeBaseUrl))
                .contains("https://http-intake.logs.datadoghq.eu");
        assertThat(DatadogSite.fromDomain("datadoghq.org")).isEmpty();
    }

    @Test
    void everyVendorSettingIsNamespacedForItsVendor() {
        for (Vendor vendor : Vendor.values()) {
            assertThat(vendor.settings()).allSatisfy(s -> {
                assertThat(s.environmentVariable()).startsWith("MEDPLUM_LOGS_" + vendor.id().toUpperCase() + "_");
                assertThat(s.pluginProperty()).startsWith("medplum-logs." + vendor.id() + ".");
            });
        }
    }

    @Test
    void zipNameFollowsMavenClassifierNaming() {
        assertThat(ForwarderContract.zipFileName("1.2.3")).isEqualTo("medplum-logs-forwarder-1.2.3-lambda.zip");
    }
}
