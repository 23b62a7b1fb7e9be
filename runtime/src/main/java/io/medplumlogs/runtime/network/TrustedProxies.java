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

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
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
        List<Range> ranges = new ArrayList<>();
        if (cidrs != null) {
            for (String cidr : cidrs) {
                if (cidr != null && !cidr.isBlank()) {
                    ranges.add(Range.parse(cidr.trim()));
                }
            }
        }
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
        for (Range range : ranges) {
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

    private record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] address = IpLiteral.parse(host);
            if (address == null) {
                throw invalid(cidr, "'" + host + "' is not an IPv4 or IPv6 address");
            }
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = cidr.substring(slash + 1);
                if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits
                        || (IpLiteral.parse(host).length == 4 && host.indexOf(':') >= 0)) {
                    throw invalid(cidr, "prefix length must be 0.." + bits);
                }
                prefix = Integer.parseInt(p);
            }
            byte[] network = address.clone();
            for (int i = 0; i < network.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - 8 * i));
                network[i] &= (byte) (0xff00 >> keep);
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < network.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - 8 * i));
                if ((address[i] & (0xff00 >> keep) & 0xff) != (network[i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException invalid(String cidr, String reason) {
            return new IllegalArgumentException("Invalid trusted proxy CIDR '" + cidr + "': " + reason);
        }

        @Override
        public String toString() {
            return IpLiteral.format(network) + "/" + prefix;
        }
    }
}
