package io.medplumlogs.maven.model;

import io.medplumlogs.contract.FirehoseDelivery;
import java.util.List;

/** Names and IAM actions both renderers write for transport {@code firehose}, so the two outputs agree. */
public final class FirehoseNames {

    /** Log streams in the stream's error log group (AWS's own names in the console's defaults). */
    public static final String DELIVERY_LOG_STREAM = "DestinationDelivery";
    public static final String BACKUP_LOG_STREAM = "BackupDelivery";
    /** Where failed records land in the backup bucket; errors from the backup delivery itself go under the second. */
    public static final String BACKUP_PREFIX = "failed/";
    public static final String BACKUP_ERROR_PREFIX = "backup-errors/!{firehose:error-output-type}/";
    /** What Firehose does in the backup bucket (AWS's documented policy for an S3 destination). */
    public static final List<String> BACKUP_BUCKET_ACTIONS = List.of("s3:AbortMultipartUpload",
            "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject");
    /** What Firehose needs to call the transformation function. */
    public static final List<String> TRANSFORM_ACTIONS = List.of("lambda:InvokeFunction",
            "lambda:GetFunctionConfiguration");
    /** What CloudWatch Logs needs on the stream. */
    public static final List<String> PUT_RECORD_ACTIONS = List.of("firehose:PutRecord", "firehose:PutRecordBatch");

    private FirehoseNames() {
    }

    /** Firehose's per-destination success metric (1 per successful delivery request, 0 per failed one). */
    public static String deliverySuccessMetric(FirehoseDelivery delivery) {
        return delivery.destination() == FirehoseDelivery.Destination.SPLUNK ? "DeliveryToSplunk.Success"
                : "DeliveryToHttpEndpoint.Success";
    }
}
