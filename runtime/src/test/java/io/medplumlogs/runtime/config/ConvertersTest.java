package io.medplumlogs.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import io.medplumlogs.runtime.identity.UserIdentity.Mode;
import io.medplumlogs.runtime.network.ForwardingHeader;
import io.smallrye.config.Converters;

class ConvertersTest {

    @Test
    void userIdentityIsReadInAnyCase() {
        EnumConverter.UserIdentityMode modes = new EnumConverter.UserIdentityMode();
        assertThat(Stream.of("hash", " Plain ", "NONE").map(modes::convert)).containsExactly(Mode.HASH, Mode.PLAIN,
                Mode.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> modes.convert("sha1"))
                .withMessage("'sha1' is not one of the allowed values: hash, plain, none");
    }

    @Test
    void forwardingHeaderNamesAreParsedStrictly() {
        EnumConverter.ForwardingHeaders headers = new EnumConverter.ForwardingHeaders();
        assertThat(Stream.of(" X-Forwarded-For ", "prefer-forwarded", "forwarded").map(headers::convert))
                .containsExactly(ForwardingHeader.X_FORWARDED_FOR, ForwardingHeader.PREFER_FORWARDED,
                        ForwardingHeader.FORWARDED);
        assertThatIllegalArgumentException().isThrownBy(() -> headers.convert("x_forwarded_for")).withMessage(
                "'x_forwarded_for' is not one of the allowed values: prefer-forwarded, forwarded, x-forwarded-for");
    }

    @Test
    void lineBytesAreAWholeNumberWithinCloudWatchsLimit() {
        LineBytesConverter bytes = new LineBytesConverter();
        assertThat(bytes.convert("1024")).isEqualTo(1024);
        assertThat(bytes.convert(" 1048576 ")).isEqualTo(1048576);
        for (String bad : new String[] { "1023", "1048577", "16k", "-1", "99999999999" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> bytes.convert(bad))
                    .withMessage("max-line-bytes must be a number of bytes between 1024 and 1048576"
                            + " (CloudWatch's event size limit), but is " + bad);
        }
    }

    @Test
    void proxyRangesAreCidrsOrAddressesAndBlankEntriesAreSkipped() {
        ProxyRangeConverter ranges = new ProxyRangeConverter();
        assertThat(ranges.convert(" 10.1.2.3/8 ")).hasToString("10.0.0.0/8");
        assertThat(ranges.convert("192.0.2.7")).hasToString("192.0.2.7/32");
        assertThat(ranges.convert("  ")).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> ranges.convert("10.0.0.0/33"))
                .withMessage("Invalid trusted proxy CIDR '10.0.0.0/33': prefix length must be 0..32; expected a CIDR"
                        + " or a single address, IPv4 or IPv6, e.g. 10.0.0.0/16, fd00::/8, 192.0.2.7");
    }

    /**
     * An IPv4-mapped IPv6 range is read as the IPv4 address it maps, so its prefix length cannot be told: the message
     * says so and what to write, not "prefix length must be 0..32" for a /8 that is within it.
     */
    @Test
    void anIpv4MappedRangeIsRefusedWithTheRangeToWriteInstead() {
        ProxyRangeConverter ranges = new ProxyRangeConverter();
        for (String mapped : new String[] { "::ffff:10.0.0.0/104", "::ffff:10.0.0.0/8", "::ffff:a00:0/104" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> ranges.convert(mapped))
                    .withMessageStartingWith("Invalid trusted proxy CIDR '" + mapped + "': an IPv4-mapped IPv6 address"
                            + " takes no prefix length; write the IPv4 range (10.0.0.0/<0..32>)");
        }
        assertThat(ranges.convert("::ffff:10.0.0.1")).hasToString("10.0.0.1/32");
    }

    /** The words SmallRye reads keep their meaning; a typo is refused instead of read as false. */
    @Test
    void onOffKeysTakeTheWordsSmallRyeReadsAndNothingElse() {
        OnOffConverter onOff = new OnOffConverter();
        assertThat(Stream.of("true", " TRUE ", "1", "yes", "Y", "on", "oui").map(onOff::convert)).containsOnly(true);
        assertThat(Stream.of("false", "False", "0", "no", "N", "off", "NÃO").map(onOff::convert)).containsOnly(false);
        // every word we accept means what SmallRye's own converter makes of it
        Converter<Boolean> smallRye = Converters.getImplicitConverter(Boolean.class);
        for (String word : new String[] { "true", "1", "yes", "y", "on", "ja", "j", "si", "sim", "oui", "false", "0",
                "no", "n", "off", "nein", "não", "non" }) {
            assertThat(onOff.convert(word)).as(word).isEqualTo(smallRye.convert(word));
        }
        for (String typo : new String[] { "ture", "flase", "enabled", "2", "t" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> onOff.convert(typo))
                    .withMessage("'" + typo + "' is neither true nor false: expected true or false");
        }
    }

    @Test
    void queueSizeIsAWholeNumberOfLinesOfAtLeastOne() {
        QueueSizeConverter lines = new QueueSizeConverter();
        assertThat(lines.convert(" 1 ")).isEqualTo(1);
        assertThat(lines.convert("1024")).isEqualTo(1024);
        for (String bad : new String[] { "0", "-5", "1k", "1.5", "99999999999" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> lines.convert(bad))
                    .withMessage("queue-size must be a whole number of lines, at least 1, but is " + bad);
        }
    }
}
