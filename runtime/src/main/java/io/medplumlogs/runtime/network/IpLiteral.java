package io.medplumlogs.runtime.network;

/**
 * Strict IPv4/IPv6 literal parsing and formatting without any name resolution.
 * <p>
 * {@code InetAddress.getByName} would do a DNS lookup for anything that is not a literal, and header
 * values are attacker-controlled, so literals are parsed by hand. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.0.0.1}) are reduced to IPv4 so that an IPv4 CIDR matches a dual-stack peer.
 */
final class IpLiteral {

    private static final int MAX_LITERAL_LENGTH = 45;

    private IpLiteral() {
    }

    /** 4 or 16 bytes, or {@code null} if {@code s} is not an IP literal (zone ids are rejected). */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LITERAL_LENGTH) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        byte[] v6 = parseIpv6(s);
        return v6 == null ? null : unmapIpv4(v6);
    }

    /** Dotted quad for IPv4, RFC 5952 text (lowercase, longest zero run compressed) for IPv6. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (part > 3) {
                    return null;
                }
                int len = i - start;
                // Leading zeros are rejected: some parsers read them as octal.
                if (len < 1 || len > 3 || (len > 1 && s.charAt(start) == '0')) {
                    return null;
                }
                int value = 0;
                for (int k = start; k < i; k++) {
                    char c = s.charAt(k);
                    if (c < '0' || c > '9') {
                        return null;
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 255) {
                    return null;
                }
                out[part++] = (byte) value;
                start = i + 1;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? s : s.substring(0, gap);
        String tail = gap < 0 ? "" : s.substring(gap + 2);
        int[] headGroups = groups(head, gap < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
            out[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** 16-bit groups of a colon-separated run; a trailing dotted quad counts as two groups. */
    private static int[] groups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int count = parts.length;
        String last = parts[count - 1];
        boolean ipv4Tail = last.indexOf('.') >= 0;
        if (ipv4Tail && !mayEndWithIpv4) {
            return null;
        }
        int[] out = new int[ipv4Tail ? count + 1 : count];
        for (int i = 0; i < (ipv4Tail ? count - 1 : count); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0 || p.charAt(k) > 'f') {
                    return null;
                }
                value = value * 16 + d;
            }
            out[i] = value;
        }
        if (ipv4Tail) {
            byte[] v4 = parseIpv4(last);
            if (v4 == null) {
                return null;
            }
            out[count - 1] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[count] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }

    private static byte[] unmapIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return v6;
        }
        return new byte[] { v6[12], v6[13], v6[14], v6[15] };
    }
}
