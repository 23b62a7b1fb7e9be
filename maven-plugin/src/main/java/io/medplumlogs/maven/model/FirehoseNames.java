package io.medplumlogs.maven.model;

import io.medplumlogs.contract.FirehoseDelivery;
import java.util.List;

/** Names and IAM actions both renderers write for transport {@code firehose}, so the two outputs agree. */
public final class FirehoseNames {

    /** Log streams in the stream's error log group (AWS's own names in the console's defaults). */
    public static final String DELIVERY_LOG_STREAM = "DestinationDelivery";
    public static final String BACKUP_LOG_STREAM = "BackupDelivery";
    /**
     * The backup's {@code Prefix}: Firehose writes there only an all-records backup, which the stream does not make
     * (it backs up failed records only), so nothing is expected under it.
     */
    public static final String BACKUP_PREFIX = "failed/";
    /** Where Firehose writes the records it gave up on, one folder per error-output-type (below). */
    public static final String BACKUP_ERRORS_FOLDER = "backup-errors/";
    public static final String BACKUP_ERROR_PREFIX = BACKUP_ERRORS_FOLDER + "!{firehose:error-output-type}/";
    /** Records the transformation function returned as ProcessingFailed (or that its failed invocations held). */
    public static final String PROCESSING_FAILED_FOLDER = BACKUP_ERRORS_FOLDER + "processing-failed/";
    /** The README's section on re-sending what is in the backup bucket, which the backup alarm points to. */
    public static final String RESEND_SECTION = "Re-sending backed-up records";
    /** What Firehose does in the backup bucket (AWS's documented policy for an S3 destination). */
    public static final List<String> BACKUP_BUCKET_ACTIONS = List.of("s3:AbortMultipartUpload",
            "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject");
    /** What Firehose needs to call the transformation function. */
    public static final List<String> TRANSFORM_ACTIONS = List.of("lambda:InvokeFunction",
            "lambda:GetFunctionConfiguration");
    /** What CloudWatch Logs needs on the stream. */
    public static final List<String> PUT_RECORD_ACTIONS = List.of("firehose:PutRecord", "firehose:PutRecordBatch");
    /**
     * Firehose invokes its transformation function for at most 5 minutes and counts a longer invocation as a failure
     * (the records are retried, then backed up), so a longer function timeout only delays that failure.
     */
    public static final int MAX_TRANSFORM_TIMEOUT_SECONDS = 300;

    private FirehoseNames() {
    }

    /** Where records the vendor did not take after the retries land: Firehose's error-output-type per destination. */
    public static String deliveryFailedFolder(FirehoseDelivery delivery) {
        return BACKUP_ERRORS_FOLDER + (delivery.destination() == FirehoseDelivery.Destination.SPLUNK ? "splunk-failed/"
                : "http-endpoint-failed/");
    }

    /** Firehose's per-destination success metric (1 per successful delivery request, 0 per failed one). */
    public static String deliverySuccessMetric(FirehoseDelivery delivery) {
        return delivery.destination() == FirehoseDelivery.Destination.SPLUNK ? "DeliveryToSplunk.Success"
                : "DeliveryToHttpEndpoint.Success";
    }
}
