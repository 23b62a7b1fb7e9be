package io.medplumlogs.contract;

import java.util.List;

/**
 * The forwarder's own metrics, written as CloudWatch Embedded Metric Format lines (no API call: CloudWatch extracts
 * them from the function's log group). The generated stacks alarm on these names, so they are a deployment contract
 * like {@link ForwarderContract}: renaming one silently breaks the alarms of already generated stacks.
 */
public final class ForwarderMetrics {

    /** CloudWatch namespace of every forwarder metric. */
    public static final String NAMESPACE = "MedplumLogs/Forwarder";

    /** Dimension: the vendor id ({@link Vendor#id()}). */
    public static final String DIMENSION_VENDOR = "Vendor";
    /**
     * Dimension: the forwarder function's name (Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}). The generated alarms use
     * the {@code [FunctionName, Vendor]} set, so that two forwarders for one vendor (one per group of log groups)
     * have alarms of their own. Declared only where the function's name is known (always in Lambda).
     */
    public static final String DIMENSION_FUNCTION = "FunctionName";
    /** Dimension: the CloudWatch Logs group the batch came from (per-group views; not alarmed on). */
    public static final String DIMENSION_LOG_GROUP = "LogGroup";
    /**
     * Dimension sets each metric line declares: across groups (kept for alarms generated before
     * {@link #DIMENSION_FUNCTION}), per group, and per function, which the generated alarms use.
     */
    public static final List<List<String>> DIMENSION_SETS = List.of(
            List.of(DIMENSION_VENDOR), List.of(DIMENSION_VENDOR, DIMENSION_LOG_GROUP),
            List.of(DIMENSION_FUNCTION, DIMENSION_VENDOR));

    /** Log events received in the invocation's subscription batch (Count). */
    public static final String EVENTS_RECEIVED = "EventsReceived";
    /**
     * Log events the vendor accepted (Count): an event split into parts counts once, when the vendor accepted all of
     * them, so that {@link #EVENTS_RECEIVED} less this is what did not reach it.
     */
    public static final String ENTRIES_DELIVERED = "EntriesDelivered";
    /** Request body bytes sent to the vendor, after compression, accepted or not (Bytes). */
    public static final String BYTES_SENT = "BytesSent";
    /** Retry attempts after a failed first attempt, summed over chunks (Count). */
    public static final String CHUNKS_RETRIED = "ChunksRetried";
    /** Chunks written to the dead-letter queue (Count). The generated stacks alarm when this is above 0. */
    public static final String CHUNKS_DEAD_LETTERED = "ChunksDeadLettered";
    /**
     * Entries whose content was cut and lost (Count): an entry too big for one DLQ message even gzipped, which the
     * forwarder does not build (a longer one is split, {@link #ENTRIES_SPLIT}), so 0. Correlation fields cut where
     * parts repeat them are not counted (the parts' text holds them whole). The generated stacks alarm when this is
     * above 0: a tripwire, should a cut ever happen, for what was cut is lost.
     */
    public static final String ENTRIES_TRUNCATED = "EntriesTruncated";
    /**
     * Log events above the vendor's per-event limit, or above what one DLQ message always holds whole, sent as
     * several parts, whole ({@link SplitEntryFields}) (Count): one per event, however many parts it took.
     */
    public static final String ENTRIES_SPLIT = "EntriesSplit";
    /** Time from the first byte sent to the vendor's answer, per request (Milliseconds). */
    public static final String VENDOR_LATENCY = "VendorLatency";
    /**
     * Chunks that failed at the vendor and could not be written to the DLQ either (Count): the invocation failed and
     * its batch waits for Lambda's retries, then the on-failure queue. Written before the invocation fails.
     */
    public static final String DEAD_LETTER_WRITES_FAILED = "DeadLetterWritesFailed";

    /**
     * Dimension sets of the Firehose transformation's line, one per invocation: an invocation holds records of any log
     * group, so there is no per-group set.
     */
    public static final List<List<String>> TRANSFORM_DIMENSION_SETS = List.of(List.of(DIMENSION_VENDOR),
            List.of(DIMENSION_FUNCTION, DIMENSION_VENDOR));
    /**
     * Firehose transformation: records answered {@code ProcessingFailed} (Count), which Firehose writes to the backup
     * bucket's processing-failed folder. Firehose's own {@code ExecuteProcessing.Success} counts invocations, which
     * succeeded, so only this tells of them; the generated Firehose stacks alarm when it is above 0.
     */
    public static final String RECORDS_PROCESSING_FAILED = "RecordsProcessingFailed";

    /** Dimension sets of the redrive line: a redrive serves every log group at once. */
    public static final List<List<String>> REDRIVE_DIMENSION_SETS = List.of(List.of(DIMENSION_VENDOR),
            List.of(DIMENSION_FUNCTION, DIMENSION_VENDOR));
    /** Redrive: DLQ messages the vendor accepted, deleted from the DLQ (Count). */
    public static final String REDRIVE_REDELIVERED = "RedriveRedelivered";
    /** Redrive: DLQ messages that failed again, could not be read or were not tried, left in the DLQ (Count). */
    public static final String REDRIVE_STILL_FAILING = "RedriveStillFailing";
    /** Redrive: Lambda on-failure records delivered (or dead-lettered) and deleted (Count). */
    public static final String INVOCATIONS_RECOVERED = "InvocationsRecovered";
    /** Redrive: Lambda on-failure records left in the on-failure queue (Count). */
    public static final String INVOCATIONS_STILL_FAILING = "InvocationsStillFailing";
    /**
     * Redrive: DLQ messages the vendor accepted whose delete from the DLQ failed (Count): still in the DLQ, so the next
     * redrive sends them again, a duplicate at the vendor. The generated stacks alarm when this is above 0.
     */
    public static final String REDRIVE_REDELIVERED_NOT_DELETED = "RedriveRedeliveredNotDeleted";
    /**
     * Redrive: Lambda on-failure records delivered (or dead-lettered) whose delete failed (Count): still in the
     * on-failure queue, so the next redrive delivers them again. The generated stacks alarm when this is above 0.
     */
    public static final String INVOCATIONS_RECOVERED_NOT_DELETED = "InvocationsRecoveredNotDeleted";

    private ForwarderMetrics() {
    }
}
