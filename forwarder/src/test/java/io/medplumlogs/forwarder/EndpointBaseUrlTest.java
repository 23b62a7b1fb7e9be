package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forwarder appends its own path to {@code MEDPLUM_LOGS_ENDPOINT} (Splunk: {@code /services/collector/event},
 * Datadog: {@code /api/v2/logs}). The HEC URL as Splunk prints it ({@code …/services/collector}), a query or a
 * fragment would send every batch to a wrong path and into the DLQ; the cold start refuses them instead.
 */
class EndpointBaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"/services/collector", "/services/collector/event", "/splunk", "//", "/?channel=x",
            "?channel=x", "#hec"})
    void aSplunkEndpointThatIsNotTheBaseUrlFailsTheColdStart(String suffix) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_ENDPOINT, fixture.vendor.baseUrl() + suffix);
            assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(ForwarderContract.ENV_ENDPOINT + ": must be the base URL only")
                    .hasMessageContaining("/services/collector/event");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"DATADOG", "SPLUNK"})
    void userInfoOrAPathFailsTheColdStartForEveryVendorWhosePathTheForwarderAppends(Vendor vendor) {
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            String base = fixture.vendor.baseUrl();
            fixture.environment().put(ForwarderContract.ENV_ENDPOINT, base + "/api/v2/logs");
            assertThatThrownBy(fixture::handler).hasMessageStartingWith(ForwarderContract.ENV_ENDPOINT + ": ");
            fixture.environment().put(ForwarderContract.ENV_ENDPOINT, base.replace("://", "://ops:hunter2@"));
            assertThatThrownBy(fixture::handler).hasMessageStartingWith(ForwarderContract.ENV_ENDPOINT + ": ")
                    .hasMessageNotContaining("hunter2").hasMessageNotContaining("ops");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/"})
    void theBaseUrlWithOrWithoutItsSlashIsTaken(String suffix) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_ENDPOINT, fixture.vendor.baseUrl() + suffix);
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("hello").invocation());
            assertThat(fixture.vendor.accepted()).singleElement()
                    .satisfies(request -> assertThat(request.path()).isEqualTo("/services/collector/event"));
        }
    }
}
