package io.medplumlogs.runtime.network;

/**
 * One entry of the trusted proxies: a CIDR or a single address, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code fd00::/8},
 * {@code 192.0.2.7}, {@code ::1}). Host bits below the prefix are ignored ({@code 10.1.2.3/8} means
 * {@code 10.0.0.0/8}). Parsed without any name resolution (see {@link IpLiteral}). Immutable and thread-safe.
 */
public final class ProxyRange {

    /** What a valid entry looks like, for error messages. */
    private static final String SYNTAX = "a CIDR or a single address, IPv4 or IPv6, e.g. 10.0.0.0/16, fd00::/8,"
            + " 192.0.2.7";

    private final byte[] network;
    private final int prefix;

    private ProxyRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * @param cidr a CIDR or an IP literal, without surrounding blanks
     * @throws IllegalArgumentException naming the entry, what is wrong with it and what is expected
     */
    public static ProxyRange parse(String cidr) {
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
            if (address.length == 4 && host.indexOf(':') >= 0) {
                // ::ffff:10.0.0.0 is the IPv4 address 10.0.0.0, and whether /104 or /8 counts its 96 leading bits is
                // anyone's guess: refused, with the range to write instead
                throw invalid(cidr, "an IPv4-mapped IPv6 address takes no prefix length; write the IPv4 range ("
                        + IpLiteral.format(address) + "/<0..32>)");
            }
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
                throw invalid(cidr, "prefix length must be 0.." + bits);
            }
            prefix = Integer.parseInt(p);
        }
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            network[i] &= (byte) (0xff00 >> keep);
        }
        return new ProxyRange(network, prefix);
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
        return new IllegalArgumentException("Invalid trusted proxy CIDR '" + cidr + "': " + reason + "; expected "
                + SYNTAX);
    }

    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefix;
    }
}
