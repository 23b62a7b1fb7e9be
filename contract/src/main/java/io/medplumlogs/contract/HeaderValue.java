package io.medplumlogs.contract;

import java.util.Optional;

/**
 * The one rule for values the forwarder sends in an HTTP header (vendor settings such as {@code X-Sumo-Category}, the
 * Splunk token, the Datadog API key): one line of printable ASCII. The JDK's HTTP client throws on a line break or
 * another control character, which would fail every invocation; characters above ASCII reach vendors as Latin-1 bytes
 * and arrive mangled. The forwarder checks at cold start and the Maven plugin when it generates, so such a value never
 * gets as far as a batch.
 */
public final class HeaderValue {

    private HeaderValue() {
    }

    /**
     * Why {@code value} cannot be sent as an HTTP header value, or empty when it can. The text names the kind of
     * character and its position but never quotes the value, which may be a secret.
     */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            String kind = c == '\r' || c == '\n' ? "a line break (CR/LF)"
                    : c < 0x20 || c == 0x7f ? "a control character"
                    : "a non-ASCII character";
            return Optional.of("contains " + kind + " at character " + (i + 1)
                    + "; an HTTP header value must be one line of printable ASCII");
        }
        return Optional.empty();
    }
}
