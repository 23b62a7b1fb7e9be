package io.medplumlogs.contract;

/**
 * How Amazon Data Firehose delivers to one vendor (transport {@code firehose}): the destination, its buffering and
 * retry settings, from the vendors' and AWS's published guidance. The generator writes them into the delivery stream;
 * the transformation function ({@link ForwarderContract#FIREHOSE_TRANSFORM_HANDLER}) shapes the records for the
 * destination named here.
 *
 * @param destination Firehose's destination type for the vendor
 * @param bufferSizeMb Firehose buffer size in MiB before a delivery
 * @param bufferIntervalSeconds longest Firehose buffers before a delivery
 * @param retrySeconds how long Firehose keeps retrying a failed delivery before the records go to the backup bucket
 * @param secretKey the key of the JSON secret Firehose reads the credential from (Firehose's documented secret
 *     format, "Understand secrets" in the Firehose developer guide); empty when Firehose cannot read the vendor's
 *     credential from Secrets Manager
 */
public record FirehoseDelivery(Destination destination, int bufferSizeMb, int bufferIntervalSeconds, int retrySeconds,
        String secretKey) {

    /** Firehose's destination types used here. */
    public enum Destination {
        /** {@code HttpEndpointDestinationConfiguration}. */
        HTTP_ENDPOINT,
        /** {@code SplunkDestinationConfiguration}, the HEC event endpoint with indexer acknowledgement. */
        SPLUNK
    }

    /**
     * Lambda processor buffer: the transformation function gets at most this much (gzip'd CloudWatch Logs batches) per
     * invocation. CloudWatch Logs batches decompress 5-20 times and a synchronous Lambda response is limited to 6 MB,
     * so the smallest buffer Firehose allows is the safe one.
     */
    public static final String TRANSFORM_BUFFER_MB = "0.2";
    /** Lambda processor interval: Firehose's smallest, so the transformation adds no more than a minute. */
    public static final int TRANSFORM_BUFFER_SECONDS = 60;
    /** Lambda processor retries of a failed invocation (Firehose's default) before the batch goes to the backup. */
    public static final int TRANSFORM_RETRIES = 3;
    /**
     * Splunk: Firehose waits this long for the indexer acknowledgement before it retries; Firehose's minimum and
     * default (range 180-600). Splunk requires indexer acknowledgement on the HEC token used by Firehose.
     */
    public static final int SPLUNK_ACK_TIMEOUT_SECONDS = 180;
    /** Splunk: the HEC event endpoint, because the transformation writes HEC event envelopes. */
    public static final String SPLUNK_ENDPOINT_TYPE = "Event";
    /** Expiry of the backup bucket's objects: the same 14 days the Lambda path keeps undelivered logs in SQS. */
    public static final int BACKUP_EXPIRATION_DAYS = 14;

    /** Firehose's settings for a vendor. */
    public static FirehoseDelivery of(Vendor vendor) {
        return switch (vendor) {
            // Datadog: 2 MiB for single-line logs (its Firehose destination guide), 60 s; retry 300 s (AWS default)
            case DATADOG -> new FirehoseDelivery(Destination.HTTP_ENDPOINT, 2, 60, 300, "api_key");
            // Splunk destination: buffer at most 5 MiB / 60 s (Firehose's Splunk limits), retry 300 s (AWS default)
            case SPLUNK -> new FirehoseDelivery(Destination.SPLUNK, 5, 60, 300, "hec_token");
            // Sumo Logic: requests of about 1 MB (HTTP source payload guidance); the URL is the credential and
            // Firehose takes it only as the endpoint URL, so no secret key
            case SUMOLOGIC -> new FirehoseDelivery(Destination.HTTP_ENDPOINT, 1, 60, 300, "");
        };
    }

    /** Datadog's Firehose logs intake for a site: {@code https://aws-kinesis-http-intake.logs.<site>/v1/input}. */
    public static String datadogLogsUrl(DatadogSite site) {
        return "https://aws-kinesis-http-intake.logs." + site.domain() + "/v1/input";
    }
}
