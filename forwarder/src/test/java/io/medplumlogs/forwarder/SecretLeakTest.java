package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vendor credential (API key, HEC token, or the Sumo source URL, which is itself the credential) appears in no log
 * line, no exception and no DLQ message, whatever goes wrong.
 */
class SecretLeakTest extends AbstractMotoTest {

    static final String CANARY = "LEAKCANARY7f3a";

    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final StringWriter errors = new StringWriter();

    @BeforeEach
    void capture() {
        ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        ForwarderLog.redirect(null);
        fixture.close();
    }

    /** A malformed credential fails the cold start, naming the variable but never the value. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMalformedCredentialIsRejectedAtColdStartWithoutEchoingIt(Vendor vendor) {
        startFixture(vendor);
        String malformed = switch (vendor) {
            // a control character inside: no HTTP header can carry it
            case DATADOG, SPLUNK -> CANARY + "-key\u0007tail";
            // a space inside the path: not a URL
            case SUMOLOGIC -> "https://collectors.sumologic.com/receiver/v1/http/" + CANARY + " tail";
        };
        fixture.rotateSecret(malformed);

        Throwable coldStart = run(() -> fixture.handler());

        assertThat(coldStart).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(ForwarderContract.ENV_SECRET_ARN);
        assertNoTrace(CANARY);
    }

    /** A vendor error body that repeats the credential is not repeated in the log or the DLQ. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aVendorErrorThatEchoesTheCredentialIsNotRepeated(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        String credential = fixture.credential();
        fixture.vendor.enqueue(Answer.status(403, "{\"errors\":[\"Forbidden: credential " + credential
                + " is not valid\"]}"), Answer.status(403, "{\"errors\":[\"still " + credential + "\"]}"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("HTTP 403");
        assertNoTrace(credential);
        if (vendor == Vendor.SUMOLOGIC) {
            assertNoTrace(FakeVendor.SUMO_PATH);
            assertNoTrace("ZaVnC4dhaV2ZFakeSourceToken");
        }
    }

    /** Sumo's token is the last segment of the source URL: an error body that repeats only the token leaks it too. */
    @org.junit.jupiter.api.Test
    void aSumoErrorThatEchoesOnlyTheTokenIsNotRepeated() {
        ForwarderHandler handler = start(Vendor.SUMOLOGIC);
        String token = FakeVendor.SUMO_PATH.substring(FakeVendor.SUMO_PATH.lastIndexOf('/') + 1);
        fixture.vendor.enqueue(Answer.status(400, "{\"error\":\"collector token " + token + " is disabled\"}"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("HTTP 400", "is disabled");
        assertNoTrace("ZaVnC4dhaV2ZFakeSourceToken");
    }

    /**
     * The error excerpt is cut to a few hundred characters: a body that quotes the credential right where the cut
     * falls must not leave the credential's first half in the log, cut too short to be recognised as the secret.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCredentialQuotedWhereTheErrorExcerptIsCutIsNotHalfRepeated(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        // what the vendor would echo: the key or token (for Sumo, the token at the end of its source URL)
        String secret = vendor == Vendor.SUMOLOGIC
                ? FakeVendor.SUMO_PATH.substring(FakeVendor.SUMO_PATH.lastIndexOf('/') + 1)
                : fixture.credential();
        // the excerpt keeps 300 characters, whitespace folded: the secret starts 12 characters before the cut
        String padding = "x".repeat(280) + "\n\t  ";
        fixture.vendor.enqueue(Answer.status(403, padding + "denied " + secret + " (rotate it)"),
                Answer.status(403, padding + "denied " + secret + " (rotate it)"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("HTTP 403", "xxxx");
        assertNoTrace(secret.substring(0, 10));
    }

    /** An error body cut inside an emoji still gives a log line and a DLQ reason that are whole UTF-8 text. */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anErrorExcerptCutInsideACharacterStaysWholeText(Vendor vendor) {
        ForwarderHandler handler = start(vendor);
        String body = "x".repeat(299) + "\uD83D\uDE00" + " tail";
        fixture.vendor.enqueue(Answer.status(400, body));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        String logged = log.toString(StandardCharsets.UTF_8);
        // the log's UTF-8 stream would have written a lone half as '?'
        assertThat(logged).contains("x".repeat(299) + "…").doesNotContain("x?…");
        assertThat(String.join("\n", fixture.dlq.messages())).contains("x".repeat(299) + "…")
                .doesNotContain("x?…").doesNotContain("\uFFFD…");
        assertThat(errors.toString()).isEmpty();
    }

    /**
     * A vendor error body may quote the credential percent-encoded (echoing the form or query it got) or JSON-escaped
     * (a JSON body escapes {@code /}): neither form is repeated.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = { "DATADOG", "SPLUNK" })
    void aCredentialEchoedPercentEncodedOrJsonEscapedIsNotRepeated(Vendor vendor) {
        startFixture(vendor);
        String credential = CANARY + "/key+with=specials0123456789";
        fixture.rotateSecret(credential);
        ForwarderHandler handler = fixture.handler();
        String percentEncoded = java.net.URLEncoder.encode(credential, StandardCharsets.UTF_8);
        String jsonEscaped = credential.replace("/", "\\/");
        fixture.vendor.enqueue(Answer.status(403, "{\"error\":\"key " + jsonEscaped + " (sent as api_key="
                + percentEncoded + ") is not valid\"}"), Answer.status(403, "{\"error\":\"still " + jsonEscaped + "\"}"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("HTTP 403", "is not valid");
        assertNoTrace(CANARY);
    }

    /**
     * Percent-encoding is case-insensitive ({@code %3d} is {@code %3D}) and JSON writers may escape any character as
     * {@code \}{@code u003d}: an echo in those forms, or in a mix of them, is not repeated either.
     */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = { "DATADOG", "SPLUNK" })
    void aCredentialEchoedInLowerCasePercentEncodingOrUnicodeEscapesIsNotRepeated(Vendor vendor) {
        startFixture(vendor);
        String credential = CANARY + "/key+with=specials0123456789==";
        fixture.rotateSecret(credential);
        ForwarderHandler handler = fixture.handler();
        String lowerCase = java.util.regex.Pattern.compile("%[0-9A-F]{2}")
                .matcher(java.net.URLEncoder.encode(credential, StandardCharsets.UTF_8))
                .replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT));
        String unicodeEscaped = credential.replace("=", "\\u003d").replace("/", "\\u002F");
        fixture.vendor.enqueue(Answer.status(403, "{\"error\":\"sent api_key=" + lowerCase + " (that is "
                + unicodeEscaped + ") is not valid\"}"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("HTTP 403", "that is <redacted>) is not valid");
        assertNoTrace(CANARY);
        assertNoTrace("specials0123456789");
    }

    /** Sumo Logic's token alone, its base64 padding echoed encoded. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "%3d%3d", "\\u003d\\u003d", "%3D\\u003D" })
    void aSumoTokenEchoedWithItsPaddingEncodedIsNotRepeated(String padding) {
        startFixture(Vendor.SUMOLOGIC);
        String path = FakeVendor.SUMO_PATH;
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(token).endsWith("==");
        String bare = token.substring(0, token.length() - 2);
        ForwarderHandler handler = fixture.handler();
        fixture.vendor.enqueue(Answer.status(400, "{\"error\":\"no such source: " + bare + padding + "\"}"));

        run(() -> ForwarderFixture.invoke(handler, SubscriptionEvents.builder().lines("a").invocation()));

        assertThat(fixture.dlq.count()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("no such source");
        assertNoTrace(bare);
    }

    private Throwable run(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            e.printStackTrace(new PrintWriter(errors));
            return e;
        }
    }

    private void assertNoTrace(String secret) {
        assertThat(log.toString(StandardCharsets.UTF_8)).as("log lines").doesNotContain(secret);
        assertThat(errors.toString()).as("exceptions").doesNotContain(secret);
        assertThat(String.join("\n", fixture.dlq.messages())).as("DLQ messages").doesNotContain(secret);
    }
}
