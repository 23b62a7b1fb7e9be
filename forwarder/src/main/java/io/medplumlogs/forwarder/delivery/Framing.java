package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.cloudwatch.Utf8;

/**
 * How entries become a request body: a JSON array for Datadog, newline-separated objects for Splunk HEC and Sumo.
 */
public record Framing(String prefix, String separator, String suffix) {

    public static final Framing JSON_ARRAY = new Framing("[", ",", "]");
    public static final Framing LINES = new Framing("", "\n", "");

    public int overheadBytes(int entries) {
        return Utf8.length(prefix) + Utf8.length(suffix) + Math.max(0, entries - 1) * Utf8.length(separator);
    }
}
