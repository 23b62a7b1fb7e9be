package io.medplumlogs.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(
            List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8", "2001:db8:1::/48", "172.16.0.0/12", ""));

    // Assertion tables (address, trusted?) in this class look alike; each test lists the cases of its own rule.
    @Test
    void matchesIpv4AndIpv6RangesAndSingleAddresses() {
        assertThat(proxies.isTrusted("10.0.0.1")).isTrue();
        assertThat(proxies.isTrusted("10.255.255.255")).isTrue();
        assertThat(proxies.isTrusted("11.0.0.1")).isFalse();
        assertThat(proxies.isTrusted("192.168.1.7")).isTrue();
        assertThat(proxies.isTrusted("192.168.1.8")).isFalse();
        assertThat(proxies.isTrusted("172.31.255.1")).isTrue();
        assertThat(proxies.isTrusted("172.32.0.1")).isFalse();
        assertThat(proxies.isTrusted("fd12:3456::1")).isTrue();
        assertThat(proxies.isTrusted("fe80::1")).isFalse();
        assertThat(proxies.isTrusted("2001:db8:1:ffff::5")).isTrue();
        assertThat(proxies.isTrusted("2001:db8:2::5")).isFalse();
    }

    @Test
    void ipv4MappedIpv6PeerMatchesIpv4Range() {
        assertThat(proxies.isTrusted("::ffff:10.1.2.3")).isTrue();
        assertThat(proxies.isTrusted("::ffff:11.1.2.3")).isFalse();
    }

    @Test
    void hostBitsBelowThePrefixAreIgnoredAndZeroPrefixMatchesAll() {
        assertThat(TrustedProxies.of(List.of("10.1.2.3/8")).isTrusted("10.200.0.1")).isTrue();
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).isTrusted("8.8.8.8")).isTrue();
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).isTrusted("::1")).isFalse();
        assertThat(TrustedProxies.of(List.of("10.0.0.0/13")).isTrusted("10.7.255.255")).isTrue();
        assertThat(TrustedProxies.of(List.of("10.0.0.0/13")).isTrusted("10.8.0.0")).isFalse();
    }

    @Test
    void hostNamesAndGarbageAreNeverTrusted() {
        assertThat(proxies.isTrusted("localhost")).isFalse();
        assertThat(proxies.isTrusted("10.0.0.1.nip.io")).isFalse();
        assertThat(proxies.isTrusted("")).isFalse();
        assertThat(proxies.isTrusted((String) null)).isFalse();
        assertThat(TrustedProxies.none().isTrusted("10.0.0.1")).isFalse();
        assertThat(TrustedProxies.of(List.of()).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "fd00::/129", "example.com", "10.0.0.0/",
            "256.0.0.1", "fd00::1%eth0", "10.0.0.0/8/8", "010.0.0.1", "1:2:3:4:5:6:7:8:9", "::ffff:10.0.0.0/8" })
    void invalidEntriesFailNamingTheValue(String bad) {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(Arrays.asList("10.0.0.0/8", bad)))
                .withMessageContaining("'" + bad + "'");
    }

    @Test
    void literalsAreParsedStrictlyAndFormattedCanonically() {
        assertThat(format("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(format("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(format("::")).isEqualTo("::");
        assertThat(format("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(format("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(format("2001:db8::1:0")).isEqualTo("2001:db8::1:0");
        assertThat(format("64:ff9b::192.0.2.33")).isEqualTo("64:ff9b::c000:221");
        assertThat(format("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(IpLiteral.parse("1.2.3")).isNull();
        assertThat(IpLiteral.parse("1.2.3.4.5")).isNull();
        assertThat(IpLiteral.parse("1::2::3")).isNull();
        assertThat(IpLiteral.parse("12345::1")).isNull();
        assertThat(IpLiteral.parse("::g")).isNull();
        assertThat(IpLiteral.parse("1.2.3.4::")).isNull();
        assertThat(IpLiteral.parse("\uff11.2.3.4")).isNull();
    }

    private static String format(String literal) {
        return IpLiteral.format(IpLiteral.parse(literal));
    }
}
