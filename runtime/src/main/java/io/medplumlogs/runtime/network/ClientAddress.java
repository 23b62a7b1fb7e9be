package io.medplumlogs.runtime.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Resolves the client IP for the {@code ip} field.
 * <p>
 * Forwarding headers are written by whoever sent the request, so they are believed only as far as
 * the chain of trusted proxies reaches: the peer (the TCP peer, never an address a framework already
 * took from a header) must be trusted, then the forwarding header the proxies write (see
 * {@link ForwardingHeader}; all header instances, comma lists) is walked from the right, skipping
 * trusted hops, and the first untrusted hop is the client. If that first untrusted hop is not an IP literal
 * ({@code unknown}, an obfuscated {@code _name}, garbage), nothing to its left can be vouched for and
 * the peer is returned. When every hop is trusted the leftmost one is the client. Nothing is ever
 * resolved through DNS. Immutable and thread-safe.
 */
public final class ClientAddress {

    /** Hops looked at, from the right; a longer chain of trusted hops falls back to the peer. */
    public static final int MAX_HOPS = 32;

    /** Header names, as {@link #clientIp(String, Function)} asks for them. */
    public static final String X_FORWARDED_FOR_HEADER = "X-Forwarded-For";
    public static final String FORWARDED_HEADER = "Forwarded";

    private final TrustedProxies trustedProxies;
    private final ForwardingHeader header;
    /**
     * The answer for the last peer seen: on a keep-alive connection, or behind a load balancer's few addresses, the
     * next request most likely comes from the same peer, and parsing and formatting it showed up per request.
     */
    private volatile Peer lastPeer;

    /** Trusted proxies that write {@code Forwarded}, or else {@code X-Forwarded-For}. */
    public ClientAddress(TrustedProxies trustedProxies) {
        this(trustedProxies, ForwardingHeader.PREFER_FORWARDED);
    }

    /**
     * @param trustedProxies proxies whose forwarding headers are believed
     * @param header the forwarding header those proxies write
     */
    public ClientAddress(TrustedProxies trustedProxies, ForwardingHeader header) {
        this.trustedProxies = trustedProxies == null ? TrustedProxies.none() : trustedProxies;
        this.header = header == null ? ForwardingHeader.PREFER_FORWARDED : header;
    }

    /**
     * @param peerAddress address of the TCP peer (IP literal as the server reports it, brackets and
     *        zone ids tolerated)
     * @param xForwardedFor all {@code X-Forwarded-For} header values, in order; may be {@code null}
     * @param forwarded all {@code Forwarded} header values, in order; may be {@code null}
     * @return the client IP in canonical form; the peer (canonicalised if it is a literal, else as
     *         given) whenever the headers cannot be believed; {@code null} only for a {@code null} peer
     */
    public String clientIp(String peerAddress, List<String> xForwardedFor, List<String> forwarded) {
        return clientIp(peerAddress, name -> name.equals(X_FORWARDED_FOR_HEADER) ? xForwardedFor : forwarded);
    }

    /**
     * The same, with the forwarding headers read only when the peer is a trusted proxy: most requests come straight
     * from a client, and reading the headers costs a list per request.
     *
     * @param headerValues all values of a header by name ({@link #X_FORWARDED_FOR_HEADER}, {@link #FORWARDED_HEADER}),
     *        in order; may answer {@code null}
     */
    public String clientIp(String peerAddress, Function<String, List<String>> headerValues) {
        if (peerAddress == null) {
            return null;
        }
        Peer peer = peer(peerAddress);
        if (!peer.trusted()) {
            return peer.text();
        }
        List<String> hops = switch (header) {
            case X_FORWARDED_FOR -> xForwardedForHops(headerValues.apply(X_FORWARDED_FOR_HEADER));
            case FORWARDED -> forwardedHops(headerValues.apply(FORWARDED_HEADER));
            // A proxy that writes Forwarded passes the client's own X-Forwarded-For through unchanged.
            case PREFER_FORWARDED -> {
                List<String> forwarded = headerValues.apply(FORWARDED_HEADER);
                yield hasValue(forwarded) ? forwardedHops(forwarded)
                        : xForwardedForHops(headerValues.apply(X_FORWARDED_FOR_HEADER));
            }
        };
        byte[] client = walk(hops);
        return client == null ? peer.text() : IpLiteral.format(client);
    }

    private Peer peer(String peerAddress) {
        Peer last = lastPeer;
        if (last != null && last.address().equals(peerAddress)) {
            return last;
        }
        byte[] address = IpLiteral.parse(stripPeer(peerAddress));
        Peer peer = address == null ? new Peer(peerAddress, peerAddress, false)
                : new Peer(peerAddress, IpLiteral.format(address), trustedProxies.isTrusted(address));
        lastPeer = peer;
        return peer;
    }

    /** A peer as reported, its canonical text (or as given, if not a literal), and whether it is a trusted proxy. */
    private record Peer(String address, String text, boolean trusted) {
    }

    private byte[] walk(List<String> hops) {
        byte[] leftmost = null;
        int seen = 0;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (++seen > MAX_HOPS) {
                return null;
            }
            byte[] hop = node(hops.get(i));
            if (hop == null) {
                return null;
            }
            if (!trustedProxies.isTrusted(hop)) {
                return hop;
            }
            leftmost = hop;
        }
        return leftmost;
    }

    private static List<String> xForwardedForHops(List<String> headers) {
        return hops(headers, header -> Arrays.stream(header.split(",", -1)).map(String::trim).toList());
    }

    /**
     * The {@code for=} value of each RFC 7239 element; {@code ""} for an element without one. A line that ends inside
     * a quoted-string is one unreadable hop: a proxy that appends its element to the client's header on the same line
     * ({@code $http_forwarded, for=...}) would otherwise have it read as part of the client's open quote, and the
     * client's own {@code for=} taken as the rightmost hop ({@code for=6.6.6.6;x=", for=198.51.100.7}).
     */
    private static List<String> forwardedHops(List<String> headers) {
        return hops(headers, header -> {
            List<String> elements = splitOutsideQuotes(header, ',');
            return elements == null ? List.of("") : elements.stream().map(ClientAddress::forValue).toList();
        });
    }

    /** Every hop of every header line (a request may repeat the header), in order; none for absent headers. */
    private static List<String> hops(List<String> headers, Function<String, List<String>> hopsOfOneLine) {
        List<String> hops = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                if (header != null) {
                    hops.addAll(hopsOfOneLine.apply(header));
                }
            }
        }
        return hops;
    }

    private static String forValue(String element) {
        String forValue = "";
        List<String> pairs = splitOutsideQuotes(element, ';');
        if (pairs == null) {
            return forValue; // never for an element of a line read whole: its quotes are closed
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                forValue = unquote(pair.substring(eq + 1).trim());
            }
        }
        return forValue;
    }

    /**
     * An address from a hop: {@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code 2001:db8::1},
     * {@code [2001:db8::1]}, {@code [2001:db8::1]:8080}; {@code null} for anything else.
     */
    static byte[] node(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0 || !isPortSuffix(h.substring(close + 1))) {
                return null;
            }
            byte[] address = IpLiteral.parse(h.substring(1, close));
            return address != null && h.substring(1, close).indexOf(':') >= 0 ? address : null;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            // Exactly one colon: IPv4 with a port (some proxies append it).
            byte[] address = IpLiteral.parse(h.substring(0, colon));
            return address != null && address.length == 4 && isPortSuffix(h.substring(colon)) ? address : null;
        }
        return IpLiteral.parse(h);
    }

    private static boolean isPortSuffix(String s) {
        return s.isEmpty() || s.matches(":[0-9]{1,5}");
    }

    private static String stripPeer(String peer) {
        if (peer == null) {
            return null;
        }
        String p = peer.trim();
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
        }
        int zone = p.indexOf('%');
        return zone >= 0 ? p.substring(0, zone) : p;
    }

    private static boolean hasValue(List<String> headers) {
        if (headers != null) {
            for (String header : headers) {
                if (header != null && !header.isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code s} split at each {@code separator} outside a quoted-string (a backslash escapes the next character in
     * one); {@code null} when a quoted-string is still open at the end: where the client's text ends is then unknown.
     */
    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
