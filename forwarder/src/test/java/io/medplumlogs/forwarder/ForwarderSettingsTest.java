package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.Vendor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A missing or invalid setting fails the cold start with a message naming the variable. */
class ForwarderSettingsTest {

    ForwarderFixture fixture;
    Map<String, String> env;

    @BeforeEach
    void start() {
        fixture = ForwarderFixture.start(Vendor.SPLUNK);
        env = fixture.environment();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void missingVendor() {
        env.remove(ForwarderContract.ENV_VENDOR);
        assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                .hasMessage("MEDPLUM_LOGS_VENDOR: required but not set");
    }

    // One test per bad setting, alike in shape: each names its own variable and asserts its own error text.
    @Test
    void unknownVendor() {
        env.put(ForwarderContract.ENV_VENDOR, "loggly");
        assertThatThrownBy(fixture::handler).hasMessage(
                "MEDPLUM_LOGS_VENDOR: 'loggly' is not one of datadog, splunk, sumologic");
    }

    @Test
    void splunkNeedsAnEndpoint() {
        env.remove(ForwarderContract.ENV_ENDPOINT);
        assertThatThrownBy(fixture::handler).hasMessage("MEDPLUM_LOGS_ENDPOINT: required but not set");
    }

    @Test
    void plainHttpOnlyForLoopback() {
        env.put(ForwarderContract.ENV_ENDPOINT, "http://splunk.example.com:8088");
        assertThatThrownBy(fixture::handler).hasMessageStartingWith("MEDPLUM_LOGS_ENDPOINT: plain http://");
        env.put(ForwarderContract.ENV_ENDPOINT, "https://splunk.example.com:8088");
        assertThat(ForwarderSettings.fromEnvironment(env).endpoint()).hasToString("https://splunk.example.com:8088");
    }

    /**
     * A host that only looks like 127.x.y.z is no loopback address: with an octet above 255, resolved as a name, it
     * could point anywhere, and plain http would carry the logs (and the Datadog key or HEC token header) there. It is
     * refused (java.net.URI already reads it as no host at all); the loopback forms the docs name stay accepted.
     */
    @Test
    void plainHttpToANameThatLooksLikeLoopbackIsRefused() {
        for (String name : new String[] {"127.0.0.256", "127.999.999.999", "127.300.0.1"}) {
            env.put(ForwarderContract.ENV_ENDPOINT, "http://" + name + ":8088");
            assertThatThrownBy(fixture::handler).as(name)
                    .hasMessage("MEDPLUM_LOGS_ENDPOINT: must be an absolute https:// URL");
        }
        for (String loopback : new String[] {"127.255.255.254", "127.0.0.1", "localhost", "[::1]"}) {
            env.put(ForwarderContract.ENV_ENDPOINT, "http://" + loopback + ":8088");
            assertThat(ForwarderSettings.fromEnvironment(env).endpoint()).as(loopback)
                    .hasToString("http://" + loopback + ":8088");
        }
    }

    @Test
    void awsEndpointOverridesAreCheckedToo() {
        env.put("AWS_ENDPOINT_URL_SQS", "http://10.0.0.5:4566");
        assertThatThrownBy(fixture::handler).hasMessageStartingWith("AWS_ENDPOINT_URL_SQS: plain http://");
    }

    @Test
    void globalAwsEndpointServesBothClients() {
        env.remove("AWS_ENDPOINT_URL_SQS");
        env.remove("AWS_ENDPOINT_URL_SECRETS_MANAGER");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        AwsSettings aws = ForwarderSettings.fromEnvironment(env).aws();
        assertThat(aws.sqsEndpoint()).hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:4566"));
        assertThat(aws.secretsManagerEndpoint()).isEqualTo(aws.sqsEndpoint());
    }

    /**
     * No SQS queue URL or AWS endpoint has user info; one that does carries a credential, and the DLQ URL is written
     * in the "Forwarder ready" line. Refused at cold start, naming the variable and never quoting the URL.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {ForwarderContract.ENV_DLQ_URL,
            ForwarderContract.ENV_ON_FAILURE_QUEUE_URL, "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SECRETS_MANAGER"})
    void aQueueOrAwsUrlWithUserInfoFailsTheColdStartWithoutQuotingIt(String variable) {
        env.put(variable, "https://AKIAEXAMPLE:s3cr3tPassw0rd@sqs.us-east-1.amazonaws.com/123456789012/dlq");
        assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(env)).isInstanceOf(InvalidSettingException.class)
                .hasMessage(variable + ": has user info (name:password@), which no URL here has")
                .hasMessageNotContaining("s3cr3t");
    }

    /** forwarder.adoc: every URL, the queue URLs too, is https://, plain http:// only to loopback. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {ForwarderContract.ENV_DLQ_URL,
            ForwarderContract.ENV_ON_FAILURE_QUEUE_URL})
    void aQueueUrlThatIsNotHttpsFailsTheColdStartNamingTheVariable(String variable) {
        env.put(variable, "http://sqs.us-east-1.amazonaws.com/123456789012/dlq");
        assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(env))
                .hasMessageStartingWith(variable + ": plain http:// is accepted only for loopback");
        for (String notHttps : List.of("sqs://us-east-1/123456789012/dlq", "123456789012/dlq",
                "file:///etc/passwd")) {
            env.put(variable, notHttps);
            assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(env)).as(notHttps)
                    .hasMessage(variable + ": must be an absolute https:// URL");
        }
        env.put(variable, "https://sqs.us-east-1.amazonaws.com/123456789012/dlq\nsecret q");
        assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(env)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(variable + ": not a URL (").hasMessageNotContaining("secret");
    }

    @Test
    void missingDlq() {
        env.remove(ForwarderContract.ENV_DLQ_URL);
        assertThatThrownBy(fixture::handler).hasMessage("MEDPLUM_LOGS_DLQ_URL: required but not set");
    }

    @Test
    void badDatadogSite() {
        env.put(ForwarderContract.ENV_VENDOR, "datadog");
        env.put(ForwarderContract.ENV_DATADOG_SITE, "datadoghq.moon");
        assertThatThrownBy(fixture::handler).hasMessageStartingWith(
                "MEDPLUM_LOGS_DATADOG_SITE: 'datadoghq.moon' is not one of datadoghq.com");
    }

    @Test
    void badNumber() {
        env.put(ForwarderContract.ENV_MAX_ATTEMPTS, "lots");
        assertThatThrownBy(fixture::handler).hasMessage("MEDPLUM_LOGS_MAX_ATTEMPTS: 'lots' is not a whole number from 1 to 100");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "MEDPLUM_LOGS_MAX_ATTEMPTS, 4294967296, 100", // cast to an int it was 0: nothing was ever sent
            "MEDPLUM_LOGS_RETRY_BASE_DELAY_MS, 4611686018427387904, 900000", // its doubling overflowed
            "MEDPLUM_LOGS_RETRY_MAX_DELAY_MS, 900001, 900000",
            "MEDPLUM_LOGS_HTTP_TIMEOUT_MS, 9223372036854775807, 900000",
            "MEDPLUM_LOGS_TIME_RESERVE_MS, 0, 900000" })
    void numbersOutsideTheirRangeFailTheColdStart(String variable, String value, long max) {
        env.put(variable, value);
        assertThatThrownBy(fixture::handler)
                .hasMessage(variable + ": '" + value + "' is not a whole number from 1 to " + max);
    }

    @Test
    void unreadableSecretNamesTheSecretVariable() {
        env.put(ForwarderContract.ENV_SECRET_ARN, "arn:aws:secretsmanager:us-east-1:123456789012:secret:nope");
        assertThatThrownBy(fixture::handler).hasMessageStartingWith(
                "MEDPLUM_LOGS_SECRET_ARN: cannot read the HEC token from arn:aws:secretsmanager:");
    }

    @Test
    void sumoSourceUrlInTheSecretMustBeHttps() {
        env.put(ForwarderContract.ENV_VENDOR, "sumologic");
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, "http://collectors.example.com/receiver/v1/http/abc");
        assertThatThrownBy(fixture::handler).hasMessageStartingWith(
                "MEDPLUM_LOGS_SECRET_ARN (the Sumo Logic HTTP source URL it holds): plain http://");
    }

    @Test
    void secretAsSingleKeyJsonIsUnwrapped() {
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, "{\"token\":\"" + ForwarderFixture.SPLUNK_TOKEN + "\"}");
        ForwarderFixture.invoke(fixture.handler(),
                io.medplumlogs.forwarder.testing.SubscriptionEvents.builder().lines("x").invocation());
        assertThat(fixture.vendor.requests().get(0).header("Authorization"))
                .isEqualTo("Splunk " + ForwarderFixture.SPLUNK_TOKEN);
    }

    @Test
    void vendorSettingDefaultsComeFromTheSharedModel() {
        assertThat(ForwarderSettings.fromEnvironment(env).vendorSetting("MEDPLUM_LOGS_SPLUNK_SOURCETYPE"))
                .contains("_json");
    }

    @Test
    void headerSettingWithALineBreakFailsTheColdStartNamingTheVariable() {
        env.put(ForwarderContract.ENV_VENDOR, "sumologic");
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, fixture.vendor.sumoSourceUrl());
        env.put("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY", "prod/fhir\r\nX-Injected: yes");
        assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                .hasMessage("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY: contains a line break (CR/LF) at character 10; an HTTP"
                        + " header value must be one line of printable ASCII")
                .hasMessageNotContaining("Injected");
    }

    @Test
    void splunksEventSizeThatIsNoNumberOfBytesItCanUseFailsTheColdStartNamingTheVariable() {
        for (String bad : List.of("10k", "0", "-1", "4095", "1000001", "99999999999", "1e5", " 1 0")) {
            Map<String, String> withBad = new java.util.HashMap<>(env);
            withBad.put(SettingNames.SPLUNK_MAX_EVENT_BYTES, bad);
            assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(withBad)).as(bad)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(SettingNames.SPLUNK_MAX_EVENT_BYTES + ": must be");
        }
        env.put(SettingNames.SPLUNK_MAX_EVENT_BYTES, "1000000");
        assertThat(ForwarderSettings.fromEnvironment(env).vendorSetting(SettingNames.SPLUNK_MAX_EVENT_BYTES))
                .contains("1000000");
    }

    @Test
    void everyVendorSettingIsCheckedAtColdStart() {
        for (Vendor vendor : Vendor.values()) {
            for (io.medplumlogs.contract.Setting setting : vendor.settings()) {
                Map<String, String> bad = new java.util.HashMap<>(env);
                bad.put(ForwarderContract.ENV_VENDOR, vendor.id());
                bad.put(setting.environmentVariable(), "a\u0007b");
                assertThatThrownBy(() -> ForwarderSettings.fromEnvironment(bad))
                        .hasMessageStartingWith(setting.environmentVariable() + ": contains a control character");
            }
        }
    }

    @Test
    void tokenThatCannotBeAHeaderFailsTheColdStartWithoutEchoingIt() {
        String token = "0f1e2d3c-4b5a\n-6978-8a9b";
        fixture.secrets.put(ForwarderFixture.SECRET_ARN, token);
        assertThatThrownBy(fixture::handler).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("MEDPLUM_LOGS_SECRET_ARN: the HEC token in secret " + ForwarderFixture.SECRET_ARN
                        + " contains a line break (CR/LF) at character 14")
                .hasMessageNotContaining("0f1e2d3c").hasMessageNotContaining("6978");
    }
}
