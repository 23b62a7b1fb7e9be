package io.medplumlogs.runtime.network;

import java.util.Locale;

/**
 * Which forwarding header a trusted proxy writes, so that the client's own copy of the other one is never read.
 * A proxy appends to the header it writes and passes every other header through untouched: an AWS ALB (like nginx,
 * Envoy or Traefik by default) appends to {@code X-Forwarded-For} and forwards a client's {@code Forwarded} as sent,
 * while an RFC 7239 proxy does the opposite.
 */
public enum ForwardingHeader {
    /** {@code Forwarded} when a trusted peer sent one, else {@code X-Forwarded-For}. */
    PREFER_FORWARDED("prefer-forwarded"),
    /** Only RFC 7239 {@code Forwarded}. */
    FORWARDED("forwarded"),
    /** Only {@code X-Forwarded-For} (AWS ALB, nginx, Envoy, Traefik). */
    X_FORWARDED_FOR("x-forwarded-for");

    private final String configValue;

    ForwardingHeader(String configValue) {
        this.configValue = configValue;
    }

    /**
     * @param value {@code prefer-forwarded}, {@code forwarded} or {@code x-forwarded-for} (any case)
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static ForwardingHeader parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ForwardingHeader header : values()) {
            if (header.configValue.equals(v)) {
                return header;
            }
        }
        throw new IllegalArgumentException("Invalid forwarding header '" + value
                + "': expected prefer-forwarded, forwarded or x-forwarded-for");
    }
}
