package io.medplumlogs.maven.cloudformation;

import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.FUNCTION;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.LOG_GROUP;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.SECRET;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.CREDENTIAL_PARAMETER;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.TOPIC;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.capitalized;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.getAtt;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.map;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.policy;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.ref;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.resource;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.retained;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.statement;
import static io.medplumlogs.maven.cloudformation.CloudFormationRenderer.sub;

import io.medplumlogs.contract.FirehoseDelivery;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.ForwarderMetrics;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.maven.model.Alarming;
import io.medplumlogs.maven.model.AppLogGroup;
import io.medplumlogs.maven.model.FirehoseNames;
import io.medplumlogs.maven.model.ForwarderDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The resources of transport {@code firehose}: one delivery stream to the vendor, the forwarder code as its
 * transformation function, failed records backed up to an encrypted bucket, the role CloudWatch Logs assumes to put
 * records (bound to this account's log groups), the subscriptions and the alarms. A class of its own so that the
 * Lambda path's resources in {@link CloudFormationRenderer} stay as they were.
 */
final class FirehoseResources {

    // Logical IDs and the constructor look like CloudFormationRenderer's and FirehoseBlocks' on purpose: each renderer
    // names its own resources in its own format.
    static final String STREAM = "DeliveryStream";
    static final String BUCKET = "BackupBucket";
    static final String FIREHOSE_ROLE = "FirehoseRole";
    static final String LOGS_ROLE = "LogsToFirehoseRole";
    static final String TRANSFORM_ROLE = "TransformRole";
    static final String ERROR_LOG_GROUP = "FirehoseErrorLogGroup";

    private final ForwarderDeployment d;
    private final CloudFormationRenderer renderer;
    private final FirehoseDelivery delivery;

    FirehoseResources(ForwarderDeployment deployment, CloudFormationRenderer renderer) {
        this.d = deployment;
        this.renderer = renderer;
        this.delivery = FirehoseDelivery.of(deployment.vendor());
    }

    /** Firehose reads {@code {"api_key": ...}} / {@code {"hec_token": ...}}: the value must fit in a JSON string. */
    static void constrainCredential(Map<String, Object> parameter) {
        parameter.put("AllowedPattern", "[^\"\\\\]+");
        parameter.put("ConstraintDescription", "must not contain a double quote or a backslash");
    }

    void addTo(Map<String, Object> r) {
        r.put(LOG_GROUP, retained(resource("AWS::Logs::LogGroup", renderer.tagged(map(
                "LogGroupName", d.forwarderLogGroupName(),
                "RetentionInDays", d.sizing().logRetentionDays())))));
        r.put(ERROR_LOG_GROUP, retained(resource("AWS::Logs::LogGroup", renderer.tagged(map(
                "LogGroupName", d.firehoseErrorLogGroupName(),
                "RetentionInDays", d.sizing().logRetentionDays())))));
        r.put("FirehoseDeliveryLogStream", resource("AWS::Logs::LogStream", map(
                "LogGroupName", ref(ERROR_LOG_GROUP), "LogStreamName", FirehoseNames.DELIVERY_LOG_STREAM)));
        r.put("FirehoseBackupLogStream", resource("AWS::Logs::LogStream", map(
                "LogGroupName", ref(ERROR_LOG_GROUP), "LogStreamName", FirehoseNames.BACKUP_LOG_STREAM)));
        if (d.createsSecret()) {
            r.put(SECRET, resource("AWS::SecretsManager::Secret", renderer.tagged(map(
                    "Description", capitalized(d.vendor().credential()) + " for " + d.deliveryStreamName(),
                    "SecretString", delivery.secretKey().isEmpty() ? ref(CREDENTIAL_PARAMETER)
                            : sub("{\"" + delivery.secretKey() + "\":\"${" + CREDENTIAL_PARAMETER + "}\"}")))));
        }
        bucket(r);
        transformFunction(r);
        firehoseRole(r);
        r.put(STREAM, stream());
        logsRole(r);
        if (d.accountWide()) {
            // the role's GetAtt makes the policy wait for it; its inline policy is checked like a filter's
            renderer.accountPolicy(r, getAtt(STREAM, "Arn"), getAtt(LOGS_ROLE, "Arn"), null);
        }
        for (AppLogGroup group : d.logGroups()) {
            Map<String, Object> filter = resource("AWS::Logs::SubscriptionFilter", map(
                    "LogGroupName", group.name(),
                    "FilterName", d.functionName(),
                    "FilterPattern", d.filterPattern(),
                    "DestinationArn", getAtt(STREAM, "Arn"),
                    // CloudWatch Logs checks with the role that it may put records before it accepts the filter: the
                    // GetAtt makes the filter wait for the role and its inline policy
                    "RoleArn", getAtt(LOGS_ROLE, "Arn")));
            r.put("Subscription" + group.key(), filter);
            renderer.failedLoginMetric(r, group);
        }
        alarms(r);
        renderer.queries(r);
    }

    /**
     * Failed records only; never public, encrypted, TLS only, expiring; kept when the stack goes (undelivered logs), and
     * kept as it was: a retained bucket keeps its own properties, its policy is retained with it.
     */
    private void bucket(Map<String, Object> r) {
        r.put(BUCKET, retained(resource("AWS::S3::Bucket", renderer.tagged(map(
                "BucketEncryption", map("ServerSideEncryptionConfiguration", List.of(map(
                        "ServerSideEncryptionByDefault", map("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", map("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", map("Rules", List.of(map("ObjectOwnership", "BucketOwnerEnforced"))),
                "LifecycleConfiguration", map("Rules", List.of(map(
                        "Id", "expire-failed-records",
                        "Status", "Enabled",
                        "ExpirationInDays", FirehoseDelivery.BACKUP_EXPIRATION_DAYS,
                        "AbortIncompleteMultipartUpload", map("DaysAfterInitiation", 1)))))))));
        // kept with the bucket: deleting the stack would otherwise strip the kept logs of their TLS-only policy
        r.put("BackupBucketPolicy", retained(resource("AWS::S3::BucketPolicy", map(
                "Bucket", ref(BUCKET),
                "PolicyDocument", map("Version", "2012-10-17", "Statement", List.of(map(
                        "Sid", "TlsOnly",
                        "Effect", "Deny",
                        "Principal", "*",
                        "Action", "s3:*",
                        "Resource", List.of(getAtt(BUCKET, "Arn"), sub("${" + BUCKET + ".Arn}/*")),
                        "Condition", map("Bool", map("aws:SecureTransport", "false")))))))));
    }

    /** The forwarder's zip with the Firehose handler; it only writes its own log group. */
    private void transformFunction(Map<String, Object> r) {
        r.put(TRANSFORM_ROLE, resource("AWS::IAM::Role", renderer.tagged(map(
                "AssumeRolePolicyDocument", policy(statement("sts:AssumeRole", null,
                        map("Service", "lambda.amazonaws.com"))),
                "Policies", List.of(map("PolicyName", "transform", "PolicyDocument", policy(
                        statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(LOG_GROUP, "Arn"),
                                null))))))));
        r.put(FUNCTION, renderer.function("Shapes CloudWatch Logs records for Firehose to "
                + d.vendor().displayName(), ForwarderContract.FIREHOSE_TRANSFORM_HANDLER, TRANSFORM_ROLE,
                d.transformEnvironment(v -> (Object) v)));
    }

    /** Firehose's own role; the external ID keeps other accounts' streams from using it (AWS's documented trust). */
    private void firehoseRole(Map<String, Object> r) {
        Map<String, Object> trust = statement("sts:AssumeRole", null, map("Service", "firehose.amazonaws.com"));
        trust.put("Condition", map("StringEquals", map("sts:ExternalId", ref("AWS::AccountId"))));
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(statement(FirehoseNames.BACKUP_BUCKET_ACTIONS,
                List.of(getAtt(BUCKET, "Arn"), sub("${" + BUCKET + ".Arn}/*")), null));
        statements.add(statement(FirehoseNames.TRANSFORM_ACTIONS, getAtt(FUNCTION, "Arn"), null));
        statements.add(statement(List.of("logs:PutLogEvents"), sub("arn:${AWS::Partition}:logs:${AWS::Region}"
                + ":${AWS::AccountId}:log-group:" + d.firehoseErrorLogGroupName() + ":*"), null));
        if (!delivery.secretKey().isEmpty()) {
            statements.add(statement(ForwarderContract.SECRET_IAM_ACTIONS, renderer.secretGrant(), null));
        }
        r.put(FIREHOSE_ROLE, resource("AWS::IAM::Role", renderer.tagged(map(
                "AssumeRolePolicyDocument", policy(trust),
                "Policies", List.of(map("PolicyName", "firehose", "PolicyDocument",
                        policy(statements.toArray(Map[]::new))))))));
    }

    /**
     * CloudWatch Logs puts the records with this role; {@code aws:SourceArn} and {@code aws:SourceAccount} bind it to
     * this account's log groups in this region (the confused-deputy protection AWS documents for subscriptions).
     */
    private void logsRole(Map<String, Object> r) {
        Map<String, Object> trust = statement("sts:AssumeRole", null, map("Service", "logs.amazonaws.com"));
        trust.put("Condition", map(
                "StringLike", map("aws:SourceArn", sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*")),
                "StringEquals", map("aws:SourceAccount", ref("AWS::AccountId"))));
        r.put(LOGS_ROLE, resource("AWS::IAM::Role", renderer.tagged(map(
                "AssumeRolePolicyDocument", policy(trust),
                "Policies", List.of(map("PolicyName", "put-records", "PolicyDocument", policy(
                        statement(FirehoseNames.PUT_RECORD_ACTIONS, getAtt(STREAM, "Arn"), null))))))));
    }

    private Map<String, Object> stream() {
        Map<String, Object> common = map(
                "BufferingHints", map("IntervalInSeconds", delivery.bufferIntervalSeconds(),
                        "SizeInMBs", delivery.bufferSizeMb()),
                "CloudWatchLoggingOptions", logging(FirehoseNames.DELIVERY_LOG_STREAM),
                "ProcessingConfiguration", map("Enabled", true, "Processors", List.of(map(
                        "Type", "Lambda",
                        "Parameters", List.of(
                                parameter("LambdaArn", getAtt(FUNCTION, "Arn")),
                                parameter("NumberOfRetries", String.valueOf(FirehoseDelivery.TRANSFORM_RETRIES)),
                                parameter("BufferSizeInMBs", FirehoseDelivery.TRANSFORM_BUFFER_MB),
                                parameter("BufferIntervalInSeconds",
                                        String.valueOf(FirehoseDelivery.TRANSFORM_BUFFER_SECONDS)))))),
                "RetryOptions", map("DurationInSeconds", delivery.retrySeconds()),
                "S3Configuration", map(
                        "BucketARN", getAtt(BUCKET, "Arn"),
                        "RoleARN", getAtt(FIREHOSE_ROLE, "Arn"),
                        "Prefix", FirehoseNames.BACKUP_PREFIX,
                        "ErrorOutputPrefix", FirehoseNames.BACKUP_ERROR_PREFIX,
                        "CompressionFormat", "GZIP",
                        "CloudWatchLoggingOptions", logging(FirehoseNames.BACKUP_LOG_STREAM)));
        Map<String, Object> stream = map(
                "DeliveryStreamName", d.deliveryStreamName(),
                "DeliveryStreamType", "DirectPut",
                "DeliveryStreamEncryptionConfigurationInput", map("KeyType", "AWS_OWNED_CMK"));
        if (delivery.destination() == FirehoseDelivery.Destination.SPLUNK) {
            Map<String, Object> splunk = map(
                    "HECEndpoint", d.endpoint().orElseThrow(),
                    "HECEndpointType", FirehoseDelivery.SPLUNK_ENDPOINT_TYPE,
                    "HECAcknowledgmentTimeoutInSeconds", FirehoseDelivery.SPLUNK_ACK_TIMEOUT_SECONDS);
            splunk.putAll(common);
            splunk.put("S3BackupMode", "FailedEventsOnly");
            splunk.put("SecretsManagerConfiguration", secretsManager());
            stream.put("SplunkDestinationConfiguration", splunk);
        } else {
            Map<String, Object> http = map("EndpointConfiguration", endpoint());
            http.putAll(common);
            http.put("RequestConfiguration", map("ContentEncoding", "GZIP"));
            http.put("RoleARN", getAtt(FIREHOSE_ROLE, "Arn"));
            http.put("S3BackupMode", "FailedDataOnly");
            if (!delivery.secretKey().isEmpty()) {
                http.put("SecretsManagerConfiguration", secretsManager());
            }
            stream.put("HttpEndpointDestinationConfiguration", http);
        }
        stream.putAll(renderer.tagged(map()));
        Map<String, Object> resource = resource("AWS::KinesisFirehose::DeliveryStream", stream);
        // the role (and its inline policy) is waited for through its GetAtt; the log streams are named, not referenced
        resource.put("DependsOn", List.of("FirehoseDeliveryLogStream", "FirehoseBackupLogStream"));
        return resource;
    }

    /**
     * Datadog: the site's Firehose intake. Sumo Logic: the source URL is the credential and Firehose takes it only as
     * the endpoint URL, so CloudFormation resolves it from the secret at deploy time (a dynamic reference: it never
     * appears in the template or its parameters).
     */
    private Map<String, Object> endpoint() {
        if (d.vendor() == Vendor.DATADOG) {
            return map("Name", "Datadog logs", "Url", FirehoseDelivery.datadogLogsUrl(d.datadogSite().orElseThrow()));
        }
        Object url = d.existingSecretArn().<Object>map(arn -> "{{resolve:secretsmanager:" + arn + ":SecretString}}")
                .orElseGet(() -> sub("{{resolve:secretsmanager:${" + SECRET + "}:SecretString}}"));
        return map("Name", d.vendor().displayName(), "Url", url);
    }

    private Map<String, Object> secretsManager() {
        return map("Enabled", true, "SecretARN", renderer.secretArn(), "RoleARN", getAtt(FIREHOSE_ROLE, "Arn"));
    }

    private Map<String, Object> logging(String stream) {
        return map("Enabled", true, "LogGroupName", d.firehoseErrorLogGroupName(), "LogStreamName", stream);
    }

    private static Map<String, Object> parameter(String name, Object value) {
        return map("ParameterName", name, "ParameterValue", value);
    }

    private void alarms(Map<String, Object> r) {
        renderer.topic(r);
        Map<String, Object> stream = map("Name", "DeliveryStreamName", "Value", d.deliveryStreamName());
        r.put("DeliveryFailuresAlarm", renderer.alarm(d.functionName() + "-delivery-failures",
                "Firehose could not deliver to " + d.vendor().displayName() + " at the first try; it retries for "
                        + delivery.retrySeconds() + " s, then backs the records up to the bucket.",
                "AWS/Firehose", FirehoseNames.deliverySuccessMetric(delivery), "Minimum", stream, 1, "LessThanThreshold"));
        r.put("BackupBucketDataAlarm", renderer.alarm(d.functionName() + "-records-backed-up",
                "Records the vendor did not take went to the backup bucket; see README.md, section "
                        + FirehoseNames.RESEND_SECTION + ".",
                "AWS/Firehose", "DeliveryToS3.Records", "Sum", stream, 0, "GreaterThanThreshold"));
        r.put("TransformFailuresAlarm", renderer.alarm(d.functionName() + "-transform-failures",
                "Invocations of the transformation function failed; Firehose retries them, then backs their records up.",
                "AWS/Firehose", "ExecuteProcessing.Success", "Minimum", stream, 1, "LessThanThreshold"));
        Alarming.ForwarderMetricAlarm failed = Alarming.RECORDS_PROCESSING_FAILED_ALARM;
        r.put(failed.logicalId(), renderer.alarmOnDimensions(d.functionName() + "-" + failed.nameSuffix(),
                failed.description(), ForwarderMetrics.NAMESPACE, failed.metric(), "Sum",
                List.of(map("Name", ForwarderMetrics.DIMENSION_FUNCTION, "Value", d.functionName()),
                        map("Name", ForwarderMetrics.DIMENSION_VENDOR, "Value", d.vendor().id())), 0,
                "GreaterThanThreshold"));
        r.put("ForwarderErrorsAlarm", renderer.alarm(d.functionName() + "-errors",
                "The transformation function failed invocations (Firehose retries them); see its log group.",
                "AWS/Lambda", "Errors", "Sum", map("Name", "FunctionName", "Value", ref(FUNCTION)), 0,
                "GreaterThanThreshold"));
        renderer.failedLoginAlarm(r);
    }

    Map<String, Object> outputs() {
        Map<String, Object> o = map(
                "DeliveryStreamArn", map("Description", "The Firehose delivery stream", "Value", getAtt(STREAM, "Arn")),
                "FunctionArn", map("Description", "The transformation function", "Value", getAtt(FUNCTION, "Arn")),
                "BackupBucketName", map("Description", "Records the vendor did not take wait here",
                        "Value", ref(BUCKET)),
                "SecretArn", map("Description", "Holds " + d.vendor().credential(), "Value", renderer.secretArn()));
        if (d.alarms().createsTopic()) {
            o.put("AlarmTopicArn", map("Description", "Alarm notifications (confirm the e-mail subscription)",
                    "Value", ref(TOPIC)));
        }
        return o;
    }
}
