package io.medplumlogs.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    // A load balancer in a VPC: the peer is the load balancer, the VPC CIDR is trusted.
    private static final TrustedProxies VPC = TrustedProxies.of(List.of("10.0.0.0/16", "fd00::/8"));
    private final ClientAddress behindProxy = new ClientAddress(VPC);

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        ClientAddress direct = new ClientAddress(TrustedProxies.none());

        assertThat(direct.clientIp("203.0.113.9", List.of("1.2.3.4"), List.of("for=5.6.7.8"))).isEqualTo("203.0.113.9");
    }

    @Test
    void spoofedHeadersFromAnUntrustedPeerAreIgnored() {
        assertThat(behindProxy.clientIp("203.0.113.9", List.of("1.2.3.4"), null)).isEqualTo("203.0.113.9");
        assertThat(behindProxy.clientIp("203.0.113.9", null, List.of("for=1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerHandsOverToTheRightmostUntrustedHop() {
        // The client claimed 6.6.6.6; the ALB appended the address it actually saw.
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6, 198.51.100.7"), null)).isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6, 198.51.100.7, 10.0.2.2"), null))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void allHeaderInstancesAreJoinedInOrder() {
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6", "198.51.100.7", "10.0.3.3"), null))
                .isEqualTo("198.51.100.7");
    }

    // Assertion tables (peer, header, expected) look alike across these tests; each lists the cases of its own rule.
    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("10.0.9.9, 10.0.2.2"), null)).isEqualTo("10.0.9.9");
    }

    @Test
    void anInvalidFirstUntrustedHopFallsBackToThePeer() {
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("1.2.3.4, evil.example.com"), null)).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("1.2.3.4, unknown"), null)).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("1.2.3.4,"), null)).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("\"1.2.3.4\r\nX: y\""), null)).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("1.2.3.4 5.6.7.8"), null)).isEqualTo("10.0.1.5");
    }

    @Test
    void portsAndBracketsInXForwardedForAreUnderstood() {
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("198.51.100.7:51234"), null)).isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("[2001:DB8::7]:443"), null)).isEqualTo("2001:db8::7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("2001:db8:0:0::7"), null)).isEqualTo("2001:db8::7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("[198.51.100.7]"), null)).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("198.51.100.7:99999x"), null)).isEqualTo("10.0.1.5");
    }

    @Test
    void ipv6PeersAreMatchedAndCanonicalised() {
        assertThat(behindProxy.clientIp("fd00:0:0:0:0:0:0:1", List.of("2001:db8::9"), null)).isEqualTo("2001:db8::9");
        assertThat(behindProxy.clientIp("[fd00::1]", List.of("198.51.100.7"), null)).isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("::ffff:10.0.1.5", List.of("198.51.100.7"), null)).isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("2001:DB8::1", null, null)).isEqualTo("2001:db8::1");
    }

    @Test
    void forwardedIsUsedWhenXForwardedForIsAbsent() {
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=198.51.100.7;proto=https"))).isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of(" "),
                List.of("for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1"))).isEqualTo("2001:db8:cafe::17");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of(), List.of("For=\"198.51.100.7:4711\"", "for=10.0.4.4")))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("proto=https;for=\"a,b\", for=198.51.100.7")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedWinsOverXForwardedForByDefault() {
        // An RFC 7239 proxy wrote Forwarded and passed the client's own X-Forwarded-For through.
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6"), List.of("for=198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6"), List.of("for=6.6.6.6, for=198.51.100.7, for=10.0.3.3")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void anXForwardedForProxyNeverReadsTheClientsForwarded() {
        // An ALB appends to X-Forwarded-For and passes a client's Forwarded header through as sent.
        ClientAddress alb = new ClientAddress(VPC, ForwardingHeader.X_FORWARDED_FOR);

        assertThat(alb.clientIp("10.0.1.5", List.of("6.6.6.6, 198.51.100.7"), List.of("for=6.6.6.6")))
                .isEqualTo("198.51.100.7");
        assertThat(alb.clientIp("10.0.1.5", null, List.of("for=6.6.6.6"))).isEqualTo("10.0.1.5");
    }

    @Test
    void aForwardedProxyNeverReadsTheClientsXForwardedFor() {
        ClientAddress rfc7239 = new ClientAddress(VPC, ForwardingHeader.FORWARDED);

        assertThat(rfc7239.clientIp("10.0.1.5", List.of("6.6.6.6"), null)).isEqualTo("10.0.1.5");
        assertThat(rfc7239.clientIp("10.0.1.5", List.of("6.6.6.6"), List.of("for=198.51.100.7")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void unknownAndObfuscatedForwardedNodesAreNeverReturned() {
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=1.2.3.4, for=unknown"))).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=1.2.3.4, for=_hidden"))).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("by=10.0.0.1;proto=http"))).isEqualTo("10.0.1.5");
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=\"unterminated"))).isEqualTo("10.0.1.5");
    }

    /**
     * A proxy such as nginx ({@code proxy_set_header Forwarded "$http_forwarded, for=..."}) appends its element to the
     * client's header on the same line. A client that ends its own header inside an open quoted-string would have the
     * proxy's element read as part of that quote, and its own {@code for=} taken as the rightmost hop.
     */
    @Test
    void anOpenQuoteOfTheClientCannotSwallowTheElementItsProxyAppends() {
        for (ForwardingHeader header : List.of(ForwardingHeader.PREFER_FORWARDED, ForwardingHeader.FORWARDED)) {
            ClientAddress proxy = new ClientAddress(VPC, header);
            for (String clientWrote : List.of("for=6.6.6.6;x=\"", "for=6.6.6.6;x=\"\\", "for=6.6.6.6;x=\"a\\\"",
                    "for=6.6.6.6, by=\"", "for=\"6.6.6.6\";x=\"")) {
                for (String proxyAppended : List.of("for=198.51.100.7", "for=\"[2001:db8::9]:443\"")) {
                    String line = clientWrote + ", " + proxyAppended;
                    assertThat(proxy.clientIp("10.0.1.5", null, List.of(line))).as(header + ": " + line)
                            .isEqualTo("10.0.1.5");
                }
            }
        }
    }

    /**
     * Hops an attacker may write to be skipped as a trusted proxy or taken as another address: only what the proxy
     * appended on the right decides, and a literal no strict parser would read the same way is garbage (the peer).
     */
    @Test
    void hopsThatLookLikeOtherAddressesAreNotBelieved() {
        // a mapped or bracketed-with-port form of a trusted address is that trusted address: skipped, not the client
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("198.51.100.7, ::ffff:10.0.2.2"), null))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=198.51.100.7, for=\"[fd00::2]:80\"")))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("198.51.100.7, ::ffff:0a00:0202"), null))
                .isEqualTo("198.51.100.7");
        // an attacker's trusted-looking entries left of the address the proxy saw change nothing
        assertThat(behindProxy.clientIp("10.0.1.5", List.of("10.0.0.1, 10.0.0.2, 198.51.100.7"), null))
                .isEqualTo("198.51.100.7");
        // zone ids, octal-looking and non-ASCII digits, IPv4 in brackets, a port on unbracketed IPv6: garbage
        for (String hop : List.of("fe80::1%eth0", "[fe80::1%25eth0]", "010.0.0.1", "1.2.3.4.", "\uFF11.2.3.4",
                "fd00::\u0661", "[10.0.2.2]:80", "1.2.3", "0x0a.0.0.1", "::ffff:10.0.2.2:80")) {
            assertThat(behindProxy.clientIp("10.0.1.5", List.of("6.6.6.6, " + hop), null)).as(hop)
                    .isEqualTo("10.0.1.5");
            assertThat(behindProxy.clientIp("10.0.1.5", null, List.of("for=6.6.6.6, for=\"" + hop + "\"")))
                    .as(hop).isEqualTo("10.0.1.5");
        }
        // obfuscated identifiers and unknown, quoted or not, in the Forwarded header read alone
        ClientAddress rfc7239 = new ClientAddress(VPC, ForwardingHeader.FORWARDED);
        for (String node : List.of("_x", "\"_x:80\"", "unknown", "\"[unknown]\"", "\"\"", "")) {
            assertThat(rfc7239.clientIp("10.0.1.5", null, List.of("for=6.6.6.6, for=" + node))).as(node)
                    .isEqualTo("10.0.1.5");
        }
    }

    @Test
    void longTrustedChainsAndHugeHeadersFallBackToThePeer() {
        String trustedChain = "198.51.100.7, " + "10.0.0.1, ".repeat(ClientAddress.MAX_HOPS) + "10.0.0.2";
        assertThat(behindProxy.clientIp("10.0.1.5", List.of(trustedChain), null)).isEqualTo("10.0.1.5");
        String huge = "x".repeat(1_000_000);
        assertThat(behindProxy.clientIp("10.0.1.5", List.of(huge), List.of(huge))).isEqualTo("10.0.1.5");
    }

    @Test
    void peerThatIsNotALiteralIsReturnedAsGivenAndNeverTrusted() {
        assertThat(behindProxy.clientIp("localhost", List.of("198.51.100.7"), null)).isEqualTo("localhost");
        assertThat(behindProxy.clientIp(null, List.of("198.51.100.7"), null)).isNull();
        assertThat(behindProxy.clientIp("fd00::1%eth0", List.of("198.51.100.7"), null)).isEqualTo("198.51.100.7");
    }
}
