package io.medplumlogs.maven.terraform;

import static io.medplumlogs.maven.terraform.Hcl.call;
import static io.medplumlogs.maven.terraform.Hcl.list;
import static io.medplumlogs.maven.terraform.Hcl.object;
import static io.medplumlogs.maven.terraform.Hcl.raw;
import static io.medplumlogs.maven.terraform.Hcl.str;
import static io.medplumlogs.maven.terraform.TerraformRenderer.capitalized;
import static io.medplumlogs.maven.terraform.TerraformRenderer.policy;
import static io.medplumlogs.maven.terraform.TerraformRenderer.preventDestroy;
import static io.medplumlogs.maven.terraform.TerraformRenderer.statement;

import io.medplumlogs.contract.FirehoseDelivery;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.maven.model.Alarming;
import io.medplumlogs.maven.model.FirehoseNames;
import io.medplumlogs.maven.model.ForwarderDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transport {@code firehose} in the Terraform module: the same resources, in the same order, as
 * {@code cloudformation.FirehoseResources}. A class of its own so the Lambda path's blocks stay as they were.
 */
final class FirehoseBlocks {

    // Addresses and the constructor look like TerraformRenderer's and FirehoseResources' on purpose: each renderer
    // names its own blocks in its own format.
    private static final String FUNCTION = "aws_lambda_function.forwarder";
    private static final String STREAM = "aws_kinesis_firehose_delivery_stream.vendor";
    private static final String BUCKET = "aws_s3_bucket.backup";
    private static final String FIREHOSE_ROLE = "aws_iam_role.firehose";
    private static final String ERRORS = "aws_cloudwatch_log_group.firehose_errors";

    private final ForwarderDeployment d;
    private final TerraformRenderer renderer;
    private final FirehoseDelivery delivery;

    FirehoseBlocks(ForwarderDeployment deployment, TerraformRenderer renderer) {
        this.d = deployment;
        this.renderer = renderer;
        this.delivery = FirehoseDelivery.of(deployment.vendor());
    }

    void addTo(List<Hcl.Block> b) {
        b.add(logGroup("forwarder", d.forwarderLogGroupName()));
        b.add(logGroup("firehose_errors", d.firehoseErrorLogGroupName()));
        b.add(logStream("delivery", FirehoseNames.DELIVERY_LOG_STREAM));
        b.add(logStream("backup", FirehoseNames.BACKUP_LOG_STREAM));
        if (d.createsSecret()) {
            renderer.createdSecret(b, delivery.secretKey().isEmpty() ? raw("var.vendor_credential")
                    : call("jsonencode", object(delivery.secretKey(), raw("var.vendor_credential"))));
        } else if (d.vendor() == Vendor.SUMOLOGIC) {
            // Firehose takes Sumo's URL only as the endpoint URL: Terraform reads it (and keeps it in its state)
            b.add(new Hcl.Block("data", "aws_secretsmanager_secret_version", "sumologic_url")
                    .attr("secret_id", d.existingSecretArn().orElseThrow()));
        }
        bucket(b);
        transformFunction(b);
        firehoseRole(b);
        b.add(stream());
        logsRole(b);
        if (d.accountWide()) {
            b.add(renderer.accountPolicy(raw(STREAM + ".arn"), raw("aws_iam_role.logs.arn"), "aws_iam_role_policy.logs"));
        } else {
            b.add(new Hcl.Block("resource", "aws_cloudwatch_log_subscription_filter", "app")
                    .attr("for_each", raw("local.log_groups"))
                    .attr("name", d.functionName())
                    .attr("log_group_name", raw("each.value"))
                    .attr("filter_pattern", d.filterPattern())
                    .attr("destination_arn", raw(STREAM + ".arn"))
                    .attr("role_arn", raw("aws_iam_role.logs.arn"))
                    // CloudWatch Logs checks with the role that it may put records before it accepts the filter
                    .attr("depends_on", list(List.of(raw("aws_iam_role_policy.logs")))));
        }
        renderer.failedLoginMetric(b);
        alarms(b);
        renderer.queries(b);
    }

    private Hcl.Block logGroup(String id, String name) {
        return new Hcl.Block("resource", "aws_cloudwatch_log_group", id)
                .attr("name", name)
                .attr("retention_in_days", raw("var.log_retention_days"))
                .attr("tags", raw("local.tags"))
                .block(preventDestroy());
    }

    private Hcl.Block logStream(String id, String name) {
        return new Hcl.Block("resource", "aws_cloudwatch_log_stream", id)
                .attr("name", name)
                .attr("log_group_name", raw(ERRORS + ".name"));
    }

    /**
     * Failed records only; never public, encrypted, TLS only, expiring; kept on destroy (undelivered logs), and kept as
     * it was: each setting is a resource of its own here, which destroy would otherwise strip from the kept bucket.
     */
    private void bucket(List<Hcl.Block> b) {
        b.add(new Hcl.Block("resource", "aws_s3_bucket", "backup")
                .attr("bucket_prefix", d.backupBucketPrefix())
                .attr("tags", raw("local.tags"))
                .block(preventDestroy()));
        b.add(new Hcl.Block("resource", "aws_s3_bucket_server_side_encryption_configuration", "backup")
                .attr("bucket", raw(BUCKET + ".id"))
                .block(new Hcl.Block("rule").block(new Hcl.Block("apply_server_side_encryption_by_default")
                        .attr("sse_algorithm", "AES256")))
                .block(preventDestroy()));
        b.add(new Hcl.Block("resource", "aws_s3_bucket_public_access_block", "backup")
                .attr("bucket", raw(BUCKET + ".id"))
                .attr("block_public_acls", Hcl.bool(true))
                .attr("block_public_policy", Hcl.bool(true))
                .attr("ignore_public_acls", Hcl.bool(true))
                .attr("restrict_public_buckets", Hcl.bool(true))
                .block(preventDestroy()));
        b.add(new Hcl.Block("resource", "aws_s3_bucket_ownership_controls", "backup")
                .attr("bucket", raw(BUCKET + ".id"))
                .block(new Hcl.Block("rule").attr("object_ownership", "BucketOwnerEnforced"))
                .block(preventDestroy()));
        b.add(new Hcl.Block("resource", "aws_s3_bucket_lifecycle_configuration", "backup")
                .attr("bucket", raw(BUCKET + ".id"))
                .block(new Hcl.Block("rule")
                        .attr("id", "expire-failed-records")
                        .attr("status", "Enabled")
                        .block(new Hcl.Block("filter"))
                        .block(new Hcl.Block("expiration").attr("days", FirehoseDelivery.BACKUP_EXPIRATION_DAYS))
                        .block(new Hcl.Block("abort_incomplete_multipart_upload")
                                .attr("days_after_initiation", 1)))
                .block(preventDestroy()));
        b.add(new Hcl.Block("resource", "aws_s3_bucket_policy", "backup")
                .attr("bucket", raw(BUCKET + ".id"))
                .attr("policy", call("jsonencode", object("Version", "2012-10-17", "Statement", list(List.of(object(
                        "Sid", "TlsOnly",
                        "Effect", "Deny",
                        "Principal", "*",
                        "Action", "s3:*",
                        "Resource", list(List.of(raw(BUCKET + ".arn"), raw("\"${" + BUCKET + ".arn}/*\""))),
                        "Condition", object("Bool", object("aws:SecureTransport", "false"))))))))
                .block(preventDestroy()));
    }

    private void transformFunction(List<Hcl.Block> b) {
        b.add(TerraformRenderer.functionRole());
        b.add(new Hcl.Block("resource", "aws_iam_role_policy", "forwarder")
                .attr("name", "transform")
                .attr("role", raw("aws_iam_role.forwarder.id"))
                .attr("policy", call("jsonencode", policy(statement(List.of("logs:CreateLogStream",
                        "logs:PutLogEvents"), raw("\"${aws_cloudwatch_log_group.forwarder.arn}:*\""))))));
        b.add(renderer.function("Shapes CloudWatch Logs records for Firehose to " + d.vendor().displayName(),
                ForwarderContract.FIREHOSE_TRANSFORM_HANDLER, d.transformEnvironment(Hcl::str)));
    }

    /** The external ID keeps other accounts' streams from using the role (AWS's documented Firehose trust). */
    private void firehoseRole(List<Hcl.Block> b) {
        b.add(TerraformRenderer.serviceRole("firehose", "medplum-logs-firehose-", "firehose.amazonaws.com",
                object("StringEquals", object("sts:ExternalId", raw("data.aws_caller_identity.current.account_id")))));
        List<Hcl.Expr> statements = new ArrayList<>();
        statements.add(statement(FirehoseNames.BACKUP_BUCKET_ACTIONS,
                list(List.of(raw(BUCKET + ".arn"), raw("\"${" + BUCKET + ".arn}/*\"")))));
        statements.add(statement(FirehoseNames.TRANSFORM_ACTIONS, raw(FUNCTION + ".arn")));
        statements.add(statement(List.of("logs:PutLogEvents"), raw("\"${" + ERRORS + ".arn}:*\"")));
        if (!delivery.secretKey().isEmpty()) {
            statements.add(statement(ForwarderContract.SECRET_IAM_ACTIONS, renderer.secretGrant()));
        }
        b.add(new Hcl.Block("resource", "aws_iam_role_policy", "firehose")
                .attr("name", "firehose")
                .attr("role", raw(FIREHOSE_ROLE + ".id"))
                .attr("policy", call("jsonencode", policy(statements.toArray(Hcl.Expr[]::new)))));
    }

    /** aws:SourceArn / aws:SourceAccount bind the role to this account's log groups (confused-deputy protection). */
    private void logsRole(List<Hcl.Block> b) {
        b.add(TerraformRenderer.serviceRole("logs", "medplum-logs-to-firehose-", "logs.amazonaws.com", object(
                "StringLike", object("aws:SourceArn", raw("\"arn:${data.aws_partition.current.partition}"
                        + ":logs:${data.aws_region.current.region}"
                        + ":${data.aws_caller_identity.current.account_id}:*\"")),
                "StringEquals", object("aws:SourceAccount", raw("data.aws_caller_identity.current.account_id")))));
        b.add(new Hcl.Block("resource", "aws_iam_role_policy", "logs")
                .attr("name", "put-records")
                .attr("role", raw("aws_iam_role.logs.id"))
                .attr("policy", call("jsonencode", policy(statement(FirehoseNames.PUT_RECORD_ACTIONS,
                        raw(STREAM + ".arn"))))));
        b.add(new Hcl.Block("data", "aws_partition", "current"));
        b.add(new Hcl.Block("data", "aws_region", "current"));
    }

    private Hcl.Block stream() {
        Hcl.Block stream = new Hcl.Block("resource", "aws_kinesis_firehose_delivery_stream", "vendor")
                .attr("name", d.deliveryStreamName())
                .attr("destination", delivery.destination() == FirehoseDelivery.Destination.SPLUNK ? "splunk"
                        : "http_endpoint")
                .block(new Hcl.Block("server_side_encryption").attr("enabled", Hcl.bool(true))
                        .attr("key_type", "AWS_OWNED_CMK"));
        Hcl.Block destination;
        if (delivery.destination() == FirehoseDelivery.Destination.SPLUNK) {
            destination = new Hcl.Block("splunk_configuration")
                    .attr("hec_endpoint", d.endpoint().orElseThrow())
                    .attr("hec_endpoint_type", FirehoseDelivery.SPLUNK_ENDPOINT_TYPE)
                    .attr("hec_acknowledgment_timeout", FirehoseDelivery.SPLUNK_ACK_TIMEOUT_SECONDS)
                    .attr("buffering_size", delivery.bufferSizeMb())
                    .attr("buffering_interval", delivery.bufferIntervalSeconds())
                    .attr("retry_duration", delivery.retrySeconds())
                    .attr("s3_backup_mode", "FailedEventsOnly");
        } else {
            destination = new Hcl.Block("http_endpoint_configuration")
                    .attr("url", url())
                    .attr("name", d.vendor() == Vendor.DATADOG ? "Datadog logs" : d.vendor().displayName())
                    .attr("buffering_size", delivery.bufferSizeMb())
                    .attr("buffering_interval", delivery.bufferIntervalSeconds())
                    .attr("retry_duration", delivery.retrySeconds())
                    .attr("role_arn", raw(FIREHOSE_ROLE + ".arn"))
                    .attr("s3_backup_mode", "FailedDataOnly")
                    .block(new Hcl.Block("request_configuration").attr("content_encoding", "GZIP"));
        }
        if (!delivery.secretKey().isEmpty()) {
            destination.block(new Hcl.Block("secrets_manager_configuration")
                    .attr("enabled", Hcl.bool(true))
                    .attr("secret_arn", renderer.secretArn())
                    .attr("role_arn", raw(FIREHOSE_ROLE + ".arn")));
        }
        destination.block(new Hcl.Block("s3_configuration")
                        .attr("role_arn", raw(FIREHOSE_ROLE + ".arn"))
                        .attr("bucket_arn", raw(BUCKET + ".arn"))
                        .attr("prefix", FirehoseNames.BACKUP_PREFIX)
                        .attr("error_output_prefix", FirehoseNames.BACKUP_ERROR_PREFIX)
                        .attr("compression_format", "GZIP")
                        .block(logging(FirehoseNames.BACKUP_LOG_STREAM)))
                .block(logging(FirehoseNames.DELIVERY_LOG_STREAM))
                .block(new Hcl.Block("processing_configuration")
                        .attr("enabled", Hcl.bool(true))
                        .block(new Hcl.Block("processors")
                                .attr("type", "Lambda")
                                .block(parameter("LambdaArn", raw("\"${" + FUNCTION + ".arn}:$LATEST\"")))
                                .block(parameter("NumberOfRetries", str("" + FirehoseDelivery.TRANSFORM_RETRIES)))
                                .block(parameter("BufferSizeInMBs", str(FirehoseDelivery.TRANSFORM_BUFFER_MB)))
                                .block(parameter("BufferIntervalInSeconds",
                                        str("" + FirehoseDelivery.TRANSFORM_BUFFER_SECONDS)))));
        return stream.block(destination)
                .attr("tags", raw("local.tags"))
                .attr("depends_on", list(List.of(raw("aws_iam_role_policy.firehose"))));
    }

    private Hcl.Expr url() {
        if (d.vendor() == Vendor.DATADOG) {
            return str(FirehoseDelivery.datadogLogsUrl(d.datadogSite().orElseThrow()));
        }
        return d.createsSecret() ? raw("var.vendor_credential")
                : raw("data.aws_secretsmanager_secret_version.sumologic_url.secret_string");
    }

    private Hcl.Block logging(String stream) {
        return new Hcl.Block("cloudwatch_logging_options")
                .attr("enabled", Hcl.bool(true))
                .attr("log_group_name", raw(ERRORS + ".name"))
                .attr("log_stream_name", stream);
    }

    private static Hcl.Block parameter(String name, Hcl.Expr value) {
        return new Hcl.Block("parameters").attr("parameter_name", name).attr("parameter_value", value);
    }

    private void alarms(List<Hcl.Block> b) {
        renderer.topic(b);
        Hcl.Expr stream = object("DeliveryStreamName", raw(STREAM + ".name"));
        b.add(renderer.alarm("delivery_failures", d.functionName() + "-delivery-failures",
                "Firehose could not deliver to " + d.vendor().displayName() + " at the first try; it retries for "
                        + delivery.retrySeconds() + " s, then backs the records up to the bucket.",
                "AWS/Firehose", FirehoseNames.deliverySuccessMetric(delivery), "Minimum", stream, 1,
                "LessThanThreshold"));
        b.add(renderer.alarm("records_backed_up", d.functionName() + "-records-backed-up",
                "Records the vendor did not take went to the backup bucket; see README.md, section "
                        + FirehoseNames.RESEND_SECTION + ".",
                "AWS/Firehose", "DeliveryToS3.Records", "Sum", stream, 0, "GreaterThanThreshold"));
        b.add(renderer.alarm("transform_failures", d.functionName() + "-transform-failures",
                "Invocations of the transformation function failed; Firehose retries them, then backs their records up.",
                "AWS/Firehose", "ExecuteProcessing.Success", "Minimum", stream, 1, "LessThanThreshold"));
        Alarming.ForwarderMetricAlarm failed = Alarming.RECORDS_PROCESSING_FAILED_ALARM;
        b.add(renderer.alarm(failed.terraformName(), d.functionName() + "-" + failed.nameSuffix(), failed.description(),
                ForwarderMetrics.NAMESPACE, failed.metric(), "Sum",
                object(ForwarderMetrics.DIMENSION_FUNCTION, raw(FUNCTION + ".function_name"),
                        ForwarderMetrics.DIMENSION_VENDOR, d.vendor().id()), 0, "GreaterThanThreshold"));
        b.add(renderer.alarm("forwarder_errors", d.functionName() + "-errors",
                "The transformation function failed invocations (Firehose retries them); see its log group.",
                "AWS/Lambda", "Errors", "Sum", object("FunctionName", raw(FUNCTION + ".function_name")), 0,
                "GreaterThanThreshold"));
        renderer.failedLoginAlarm(b);
    }

    List<Hcl.Block> outputs() {
        List<Hcl.Block> b = new ArrayList<>();
        b.add(new Hcl.Block("output", "delivery_stream_arn").attr("value", raw(STREAM + ".arn")));
        b.add(new Hcl.Block("output", "function_arn").attr("value", raw(FUNCTION + ".arn")));
        b.add(new Hcl.Block("output", "backup_bucket_name").attr("value", raw(BUCKET + ".id")));
        b.add(new Hcl.Block("output", "secret_arn").attr("value", renderer.secretArn()));
        if (d.alarms().createsTopic()) {
            b.add(new Hcl.Block("output", "alarm_topic_arn").attr("value", raw("aws_sns_topic.alarms.arn")));
        }
        return b;
    }
}
