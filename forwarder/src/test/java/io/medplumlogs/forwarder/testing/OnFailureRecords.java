package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lambda's asynchronous-invocation records as its on-failure destination writes them to SQS ("Capturing records of
 * Lambda asynchronous invocations" in the Lambda developer guide): {@code requestContext}, the original
 * {@code requestPayload}, {@code responseContext} and {@code responsePayload}.
 */
public final class OnFailureRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnFailureRecords() {
    }

    /** The record of an invocation with {@code invocationJson} that failed all 3 attempts with an exception. */
    public static String retriesExhausted(String invocationJson) {
        try {
            ObjectNode record = JSON.createObjectNode();
            record.put("version", "1.0");
            record.put("timestamp", "2026-12-03T22:01:53.075Z");
            ObjectNode context = record.putObject("requestContext");
            context.put("requestId", "c9b1f5a0-2d1e-4c3b-9a8f-7e6d5c4b3a21");
            context.put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:medplum-logs-forwarder:$LATEST");
            context.put("condition", "RetriesExhausted");
            context.put("approximateInvokeCount", 3);
            record.set("requestPayload", JSON.readTree(invocationJson));
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            response.put("functionError", "Unhandled");
            ObjectNode error = record.putObject("responsePayload");
            error.put("errorMessage", "chunk 1/1 of /ecs/medplum-fhir was neither delivered nor written to the DLQ");
            error.put("errorType", "io.medplumlogs.forwarder.delivery.DeadLetterWriteException");
            return record.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
