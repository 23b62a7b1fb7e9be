package io.medplumlogs.forwarder.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.LogLineFields;
import java.math.BigInteger;

/**
 * Our line's fields as Datadog's standard attributes (its "attribute naming convention": the names its facets,
 * integrations and dashboards expect). Datadog reserves {@code status} for the log level, so the HTTP status of a
 * {@code Request served} line moves to {@code http.status_code}; every other field also stays under its own name, so
 * searches written for our contract ({@code @durationMs:>500}, {@code @ip:...}) keep working.
 */
final class DatadogStandardAttributes {

    static final String STATUS = "status";
    static final String HTTP = "http";
    static final String HTTP_STATUS_CODE = "status_code";
    static final String HTTP_METHOD = "method";
    static final String HTTP_URL = "url";
    static final String HTTP_URL_DETAILS = "url_details";
    static final String HTTP_URL_DETAILS_PATH = "path";
    static final String HTTP_USERAGENT = "useragent";
    static final String NETWORK = "network";
    static final String NETWORK_CLIENT = "client";
    static final String NETWORK_CLIENT_IP = "ip";
    static final String USR = "usr";
    static final String USR_ID = "id";
    /** Datadog's {@code duration} is in nanoseconds. */
    static final String DURATION = "duration";
    private static final BigInteger NANOS_PER_MILLI = BigInteger.valueOf(1_000_000L);

    private DatadogStandardAttributes() {
    }

    /** Adds the standard attributes to {@code log} (a copy of our line); takes out our HTTP {@code status}. */
    static void add(ObjectNode log) {
        JsonNode httpStatus = log.get(LogLineFields.STATUS);
        if (httpStatus != null && httpStatus.isIntegralNumber() && child(log, HTTP) != null) {
            log.remove(LogLineFields.STATUS);
            child(log, HTTP).set(HTTP_STATUS_CODE, httpStatus);
        }
        text(log, LogLineFields.METHOD, HTTP, HTTP_METHOD);
        text(log, LogLineFields.PATH, HTTP, HTTP_URL);
        JsonNode path = log.get(LogLineFields.PATH);
        if (path != null && path.isTextual() && child(log, HTTP) != null) {
            ObjectNode details = child(child(log, HTTP), HTTP_URL_DETAILS);
            if (details != null) {
                String value = path.asText();
                int query = value.indexOf('?');
                details.put(HTTP_URL_DETAILS_PATH, query < 0 ? value : value.substring(0, query));
            }
        }
        text(log, LogLineFields.USER_AGENT, HTTP, HTTP_USERAGENT);
        JsonNode ip = log.get(LogLineFields.IP);
        if (ip != null && ip.isTextual() && child(log, NETWORK) != null) {
            ObjectNode client = child(child(log, NETWORK), NETWORK_CLIENT);
            if (client != null) {
                client.set(NETWORK_CLIENT_IP, ip);
            }
        }
        text(log, LogLineFields.USER, USR, USR_ID);
        JsonNode millis = log.get(LogLineFields.DURATION_MS);
        if (millis != null && millis.isIntegralNumber() && !log.has(DURATION)) {
            // nanoseconds beyond a long (another process's durationMs, a bogus value) would wrap around to a negative
            // or small duration, and a negative one is no duration at all: either would be filed among the fastest
            // requests, none is better
            BigInteger nanos = millis.bigIntegerValue().multiply(NANOS_PER_MILLI);
            if (nanos.signum() >= 0 && nanos.bitLength() < Long.SIZE) {
                log.put(DURATION, nanos.longValue());
            }
        }
    }

    /** Copies a text field into {@code parent.name}. */
    private static void text(ObjectNode log, String field, String parent, String name) {
        JsonNode value = log.get(field);
        ObjectNode target = value != null && value.isTextual() ? child(log, parent) : null;
        if (target != null && !target.has(name)) {
            target.set(name, value);
        }
    }

    /**
     * The object under {@code name}, created when absent; {@code null} when the line already has a non-object value
     * there (an app field of that name), which then stays as it is.
     */
    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing == null) {
            return parent.putObject(name);
        }
        return existing instanceof ObjectNode object ? object : null;
    }
}
