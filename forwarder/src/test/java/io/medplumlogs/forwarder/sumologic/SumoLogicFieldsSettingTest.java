package io.medplumlogs.forwarder.sumologic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.InvalidSettingException;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sumo Logic keeps one value per {@code X-Sumo-Fields} key and picks which when a key comes twice. The function-wide
 * fields are checked at cold start, so that a key given twice, a key that CloudWatch's own {@code logGroup},
 * {@code logStream} or {@code account} would collide with, or an entry that is not {@code key=value}, never reaches a
 * request.
 */
class SumoLogicFieldsSettingTest {

    @ParameterizedTest
    @ValueSource(strings = {"logGroup=custom,env=prod", "env=prod,LOGSTREAM=x", "env=prod,team=a,env=staging",
            "env=prod,Env=staging", "env", "env=", "=prod", "env=prod,,team=a", "env=prod,", "env=a=b"})
    void aMalformedOrRepeatingValueFailsTheColdStartNamingTheVariable(String fields) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put(SettingNames.SUMOLOGIC_FIELDS, fields);
            assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(SettingNames.SUMOLOGIC_FIELDS + ": ");
        }
    }

    @Test
    void eachKeyIsSentOnceAfterCloudWatchsOwn() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put(SettingNames.SUMOLOGIC_FIELDS, "env=prod,team=core");
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup("/ecs/api")
                    .lines(ContractLines.REQUEST_SERVED).invocation());

            assertThat(fixture.vendor.requests().get(0).header("X-Sumo-Fields"))
                    .startsWith("logGroup=/ecs/api,logStream=").endsWith(",env=prod,team=core");
        }
    }
}
