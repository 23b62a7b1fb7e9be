package io.medplumlogs.forwarder.firehose;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.EmbeddedMetrics;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.ForwarderSettings;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.delivery.ChunkBuilder;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.forwarder.splunk.SplunkIntake;
import io.medplumlogs.forwarder.sumologic.SumoLogicIntake;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Firehose data-transformation Lambda ({@value ForwarderContract#FIREHOSE_TRANSFORM_HANDLER}), in the forwarder's
 * zip: CloudWatch Logs records in, the vendor's Firehose record format out ({@link FirehoseRecordFormat}), encoded by
 * the forwarder's own intake so that {@code requestId}/{@code traceId}, the log-group mapping and the parts of a line
 * above the per-event limit are the same as on the Lambda path. It never sends anything itself: Firehose delivers, retries and backs up.
 *
 * <p>Every input {@code recordId} is answered once, in order: {@code Ok} with base64 {@code data};
 * {@code Dropped} for CloudWatch's {@code CONTROL_MESSAGE}, a batch without events, or the function's own log group;
 * {@code ProcessingFailed} for data that is not a gzipped CloudWatch Logs payload, or output that does not fit
 * Firehose's 6 MB response, so that Firehose writes the original record to the S3 backup ({@code processing-failed/})
 * rather than losing it. An invocation that is not a Firehose event at all fails with a clear error; Firehose retries it
 * and then sends all its records to the backup.
 */
public class FirehoseTransformHandler implements RequestStreamHandler {

    /** What one record may decompress to: a batch's bound, so one record cannot take the others' memory. */
    static final int MAX_DECOMPRESSED_BYTES = SubscriptionEventDecoder.MAX_DECOMPRESSED_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The transform only encodes; this address is never called (Firehose holds the real destination). */
    private static final URI NOT_CALLED = URI.create("https://firehose-destination.invalid");

    private final Vendor vendor;
    private final ChunkBuilder chunks;
    private final FirehoseRecordFormat format;
    private final Optional<String> ownLogGroup;
    /** The metrics line's FunctionName dimension, which the generated alarm watches (Lambda always sets it). */
    private final Optional<String> functionName;
    private final int maxResponseBytes;
    private boolean firstInvocation = true;
    private boolean ownLogGroupReported;

    /** What Lambda calls: configuration from the process environment. */
    public FirehoseTransformHandler() {
        this(System.getenv());
    }

    public FirehoseTransformHandler(Map<String, String> environment) {
        this(environment, FirehoseResponse.MAX_BYTES);
    }

    /** @param maxResponseBytes the response budget (tests use a small one) */
    FirehoseTransformHandler(Map<String, String> environment, int maxResponseBytes) {
        try {
            this.vendor = ForwarderSettings.vendor(environment);
            Map<String, String> settings = ForwarderSettings.intakeSettings(vendor, environment);
            this.chunks = ChunkBuilder.withoutDeadLetters(intake(vendor, settings));
            this.format = FirehoseRecordFormat.of(vendor);
            String own = environment.get(ForwarderContract.ENV_OWN_LOG_GROUP);
            this.ownLogGroup = own == null || own.isBlank() ? Optional.empty() : Optional.of(own.trim());
            String name = environment.get(ForwarderContract.ENV_FUNCTION_NAME);
            this.functionName = name == null || name.isBlank() ? Optional.empty() : Optional.of(name.trim());
            this.maxResponseBytes = maxResponseBytes;
            ForwarderLog.info("Firehose transform ready", "vendor", vendor.id());
        } catch (RuntimeException e) {
            ForwarderLog.error("Firehose transform cannot start: fix its configuration", e);
            throw e;
        }
    }

    private static Intake intake(Vendor vendor, Map<String, String> settings) {
        return switch (vendor) {
            case DATADOG -> new DatadogIntake(NOT_CALLED, "", settings);
            case SPLUNK -> new SplunkIntake(NOT_CALLED, "", settings);
            case SUMOLOGIC -> new SumoLogicFirehoseIntake(new SumoLogicIntake(NOT_CALLED, settings));
        };
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ForwarderLog.beginInvocation(context.getAwsRequestId(), firstInvocation);
        firstInvocation = false;
        try {
            JsonNode records = records(input.readAllBytes());
            FirehoseResponse response = new FirehoseResponse(records, maxResponseBytes);
            for (JsonNode record : records) {
                String recordId = record.get("recordId").asText();
                Transformed transformed = transform(record.get("data"));
                String result = response.add(recordId, transformed.data(), transformed.failure() != null);
                String failure = transformed.failure();
                if (failure == null && result.equals(FirehoseResponse.PROCESSING_FAILED)) {
                    failure = "transformed record of " + transformed.data().length + " bytes does not fit"
                            + " Firehose's " + maxResponseBytes + "-byte response (base64) with the records before it";
                }
                if (failure != null) {
                    ForwarderLog.warn("Firehose record not transformed; Firehose writes it to the S3 backup"
                            + " (processing-failed)", "recordId", recordId, "logGroup", transformed.source(),
                            "reason", failure);
                }
            }
            output.write(response.toJson().getBytes(StandardCharsets.UTF_8));
            ForwarderLog.info("Transformed Firehose records", "vendor", vendor.id(), "records", records.size(),
                    "ok", response.count(FirehoseResponse.OK), "dropped", response.count(FirehoseResponse.DROPPED),
                    "processingFailed", response.count(FirehoseResponse.PROCESSING_FAILED),
                    "responseBytes", response.bytes());
            // Firehose's ExecuteProcessing.Success counts invocations: only this line tells of failed records
            ForwarderLog.object(EmbeddedMetrics.MSG, EmbeddedMetrics.ofTransform(vendor, functionName,
                    response.count(FirehoseResponse.PROCESSING_FAILED), System.currentTimeMillis()));
        } finally {
            ForwarderLog.endInvocation();
        }
    }

    /** The {@code records} array, each with a {@code recordId} string; anything else is not a Firehose event. */
    private static JsonNode records(byte[] payload) {
        JsonNode invocation;
        try {
            invocation = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw malformed("invocation payload is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("invocation payload is not JSON: " + e.getMessage());
        }
        JsonNode records = invocation == null ? null : invocation.get("records");
        if (records == null || !records.isArray()) {
            throw malformed("not a Firehose data-transformation event: no records array"
                    + (invocation != null && invocation.has("awslogs")
                            ? " (this is a CloudWatch Logs subscription event: subscribe "
                                    + ForwarderContract.HANDLER + " instead)" : ""));
        }
        for (int i = 0; i < records.size(); i++) {
            JsonNode id = records.get(i).get("recordId");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw malformed("not a Firehose data-transformation event: record " + (i + 1) + " of "
                        + records.size() + " has no recordId string");
            }
        }
        return records;
    }

    private Transformed transform(JsonNode data) {
        if (data == null || !data.isTextual()) {
            return Transformed.failed(null, "record has no base64 data string");
        }
        SubscriptionEvent event;
        try {
            event = SubscriptionEventDecoder.decodeGzipped(Base64.getMimeDecoder().decode(data.asText()),
                    "record data", MAX_DECOMPRESSED_BYTES);
        } catch (IllegalArgumentException e) {
            return Transformed.failed(null, "record data is not base64: " + e.getMessage());
        } catch (MalformedEventException e) {
            return Transformed.failed(null, e.getMessage());
        }
        if (event.isControlMessage()) {
            return Transformed.dropped(event.logGroup());
        }
        if (!SubscriptionEvent.DATA_MESSAGE.equals(event.messageType())) {
            return Transformed.failed(event.logGroup(), "messageType '" + event.messageType()
                    + "' is neither DATA_MESSAGE nor CONTROL_MESSAGE");
        }
        if (ownLogGroup.filter(event.logGroup()::equals).isPresent()) {
            if (!ownLogGroupReported) {
                ownLogGroupReported = true;
                ForwarderLog.warn("Not forwarding the transform's own log group (remove its subscription filter);"
                        + " said once per execution environment", "logGroup", event.logGroup());
            }
            return Transformed.dropped(event.logGroup());
        }
        if (event.logEvents().isEmpty()) {
            return Transformed.dropped(event.logGroup());
        }
        try {
            byte[] transformed = format.data(event, chunks.chunks(event), chunks::timeToSend);
            return new Transformed(event.logGroup(), transformed, null);
        } catch (RuntimeException e) {
            // one record that cannot be encoded must not cost the batch its other records
            return Transformed.failed(event.logGroup(), "cannot encode: " + e);
        }
    }

    private static MalformedEventException malformed(String message) {
        MalformedEventException e = new MalformedEventException(message);
        ForwarderLog.error("Malformed invocation payload; Firehose retries it, then backs its records up to S3", e);
        return e;
    }

    /**
     * One record's outcome.
     *
     * @param source the log group, when the record could be decoded that far
     * @param data the record's data for {@code Ok}; {@code null} for {@code Dropped} and {@code ProcessingFailed}
     * @param failure why it is {@code ProcessingFailed}; {@code null} otherwise
     */
    record Transformed(String source, byte[] data, String failure) {

        static Transformed dropped(String source) {
            return new Transformed(source, null, null);
        }

        static Transformed failed(String source, String failure) {
            return new Transformed(source, null, failure);
        }
    }
}
