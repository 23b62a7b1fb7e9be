package io.medplumlogs.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges whose forwarding headers are believed: typically the load balancer's subnet
 * (for an AWS ALB, the VPC CIDR such as {@code 10.0.0.0/16}). Entries are CIDRs or single addresses,
 * IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.7}, {@code ::1}). Host bits below
 * the prefix are ignored ({@code 10.1.2.3/8} means {@code 10.0.0.0/8}). Immutable and thread-safe.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<ProxyRange> ranges;

    private TrustedProxies(List<ProxyRange> ranges) {
        this.ranges = ranges;
    }

    /** No trusted proxies: forwarding headers are never believed. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param cidrs CIDRs or single addresses; blank entries are ignored
     * @throws IllegalArgumentException naming the first entry that is not a valid CIDR or IP literal
     */
    public static TrustedProxies of(List<String> cidrs) {
        List<ProxyRange> ranges = new ArrayList<>();
        if (cidrs != null) {
            for (String cidr : cidrs) {
                if (cidr != null && !cidr.isBlank()) {
                    ranges.add(ProxyRange.parse(cidr.trim()));
                }
            }
        }
        return trusting(ranges);
    }

    /** The ranges as the configuration converted them ({@code quarkus.medplum-logs.trusted-proxies}). */
    public static TrustedProxies trusting(List<ProxyRange> ranges) {
        return ranges.isEmpty() ? NONE : new TrustedProxies(List.copyOf(ranges));
    }

    /** {@code true} if no range is configured. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * @param ipLiteral an IP literal (no host names: nothing is ever resolved)
     * @return whether it lies in a trusted range; {@code false} for anything that is not a literal
     */
    public boolean isTrusted(String ipLiteral) {
        byte[] address = IpLiteral.parse(ipLiteral);
        return address != null && isTrusted(address);
    }

    boolean isTrusted(byte[] address) {
        for (ProxyRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
