package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret is the credential itself, or a JSON object with exactly one string value (the console's key/value editor).
 * Any other JSON object, such as Datadog's {@code {"api_key":…,"app_key":…}}, has no one credential in it: used whole
 * it would send the application key to the intake in {@code DD-API-KEY}. The cold start refuses it, never quoting it.
 */
class JsonSecretTest {

    static final String APP_KEY = "dd-app-key-0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"api_key\":\"" + ForwarderFixture.DATADOG_API_KEY + "\",\"app_key\":\"" + APP_KEY + "\"}",
            "{\"api_key\":\"" + ForwarderFixture.DATADOG_API_KEY + "\",\"nested\":{\"app_key\":\"" + APP_KEY + "\"},"
                    + "\"app_key\":\"" + APP_KEY + "\"}",
            "{\"version\":2}",
            "{\"api_key\":\"" + ForwarderFixture.DATADOG_API_KEY + "\",\"app_key\":\"" + APP_KEY + "\"",
    })
    void aJsonSecretWithoutExactlyOneStringValueFailsTheColdStartWithoutQuotingIt(String secret) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.secrets.put(ForwarderFixture.SECRET_ARN, secret);
            assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(ForwarderContract.ENV_SECRET_ARN + ": secret " + ForwarderFixture.SECRET_ARN)
                    .hasMessageContaining("exactly one string value")
                    .hasMessageNotContaining(APP_KEY).hasMessageNotContaining(ForwarderFixture.DATADOG_API_KEY);
            assertThat(fixture.vendor.requests()).isEmpty();
        }
    }

    /** Other members than strings (a number, a flag) do not count: the one string value is the credential. */
    @Test
    void aJsonSecretWithOneStringValueIsTheCredential() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.secrets.put(ForwarderFixture.SECRET_ARN,
                    "{\"api_key\":\"" + ForwarderFixture.DATADOG_API_KEY + "\",\"version\":2}");
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines("hello").invocation());
            assertThat(fixture.vendor.requests().get(0).header("DD-API-KEY"))
                    .isEqualTo(ForwarderFixture.DATADOG_API_KEY);
        }
    }
}
