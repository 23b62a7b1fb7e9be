package io.medplumlogs.runtime.network;

/**
 * Which forwarding header a trusted proxy writes, so that the client's own copy of the other one is never read.
 * A proxy appends to the header it writes and passes every other header through untouched: an AWS ALB (like nginx,
 * Envoy or Traefik by default) appends to {@code X-Forwarded-For} and forwards a client's {@code Forwarded} as sent,
 * while an RFC 7239 proxy does the opposite. Configured as {@code prefer-forwarded}, {@code forwarded} or
 * {@code x-forwarded-for}.
 */
public enum ForwardingHeader {
    /** {@code Forwarded} when a trusted peer sent one, else {@code X-Forwarded-For}. */
    PREFER_FORWARDED,
    /** Only RFC 7239 {@code Forwarded}. */
    FORWARDED,
    /** Only {@code X-Forwarded-For} (AWS ALB, nginx, Envoy, Traefik). */
    X_FORWARDED_FOR
}
