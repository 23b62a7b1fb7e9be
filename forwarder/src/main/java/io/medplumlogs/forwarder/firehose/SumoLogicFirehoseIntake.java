package io.medplumlogs.forwarder.firehose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.cloudwatch.LogEvent;
import io.medplumlogs.forwarder.cloudwatch.LogMessage;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.delivery.Framing;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.forwarder.sumologic.SumoLogicIntake;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Sumo Logic's intake as the Firehose transform encodes for it. Firehose sends no per-record headers, so what the Lambda
 * path sends once per request in {@code X-Sumo-Fields} (log group, stream, account, the function-wide fields, a mapped
 * group's service and tags) becomes keys of each record, where the record has no key of that name. They are added as
 * the entry is encoded, not to the finished record, so that the entry is sized with them: a part of a line above the
 * per-event limit stays within it at the destination too.
 */
final class SumoLogicFirehoseIntake implements Intake {

    private final SumoLogicIntake sumo;
    /** The last batch's fields as keys; one invocation at a time per environment, so a racing batch only redoes it. */
    private volatile BatchFields batch;

    SumoLogicFirehoseIntake(SumoLogicIntake sumo) {
        this.sumo = sumo;
    }

    @Override
    public Vendor vendor() {
        return sumo.vendor();
    }

    @Override
    public Framing framing() {
        return sumo.framing();
    }

    @Override
    public ObjectNode encode(SubscriptionEvent source, LogEvent event, LogMessage message) {
        ObjectNode record = sumo.encode(source, event, message);
        fields(source).forEach((name, value) -> {
            if (!record.has(name)) {
                record.put(name, value);
            }
        });
        return record;
    }

    /** None: a Firehose record has no headers; their content is in each record. */
    @Override
    public Map<String, String> metadataHeaders(SubscriptionEvent source) {
        return Map.of();
    }

    @Override
    public HttpRequest.Builder newRequest(Map<String, String> metadataHeaders) {
        throw new UnsupportedOperationException("the Firehose transform sends nothing; Firehose delivers");
    }

    /** The Lambda path's {@code X-Sumo-Fields} ({@link SumoLogicIntake#fields}), worked out once per batch. */
    private Map<String, String> fields(SubscriptionEvent source) {
        BatchFields current = batch;
        if (current == null || current.source() != source) {
            current = new BatchFields(source, sumo.fields(source));
            batch = current;
        }
        return current.fields();
    }

    private record BatchFields(SubscriptionEvent source, Map<String, String> fields) {
    }
}
