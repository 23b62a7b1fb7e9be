package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.LogLineFields;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The forwarder's own logs: one JSON object per line on stdout, in the same shape as our log contract ({@code timestamp},
 * {@code level}, {@code msg}, {@code logger}), so that CloudWatch Logs Insights queries treat it like the app. Lambda's
 * own log group is never forwarded, so these lines stay in CloudWatch.
 *
 * <p>Every line written during an invocation carries its {@value #AWS_REQUEST_ID} and {@value #COLD_START}, so "what
 * happened to this batch" is one query. Lambda runs one invocation at a time per execution environment, so the
 * current invocation is process-wide state (and lines of the SDK's own threads get it too).
 */
public final class ForwarderLog {

    /** Field: Lambda's request ID of the invocation the line belongs to. */
    public static final String AWS_REQUEST_ID = "awsRequestId";
    /** Field: {@code true} only on lines of an execution environment's first invocation. */
    public static final String COLD_START = "coldStart";
    /** The {@code logger} of the forwarder's own lines. */
    public static final String LOGGER = "io.medplumlogs.forwarder";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PrintStream out = System.out;
    private static volatile Invocation current;

    private ForwarderLog() {
    }

    public static void info(String msg, Object... keyValues) {
        write("INFO", LOGGER, msg, null, keyValues);
    }

    public static void warn(String msg, Object... keyValues) {
        write("WARN", LOGGER, msg, null, keyValues);
    }

    public static void error(String msg, Throwable error, Object... keyValues) {
        write("ERROR", LOGGER, msg, error, keyValues);
    }

    /** A line of a library (the AWS SDK through {@link SdkLogProvider}), under its own logger name. */
    static void library(String level, String logger, String msg, Throwable error) {
        write(level, logger, msg, error);
    }

    /**
     * Writes a prepared line (an Embedded Metric Format object) with the common fields added; its own fields win.
     */
    public static void object(String msg, ObjectNode fields) {
        ObjectNode line = start("INFO", LOGGER, msg);
        line.setAll(fields);
        print(line);
    }

    /** Lines from now on belong to this invocation. */
    public static void beginInvocation(String awsRequestId, boolean coldStart) {
        current = new Invocation(awsRequestId, coldStart);
    }

    /** Lines from now on belong to no invocation (the next cold start's set-up, say). */
    public static void endInvocation() {
        current = null;
    }

    /** Where lines go; tests capture them. */
    public static void redirect(PrintStream target) {
        out = target == null ? System.out : target;
    }

    private static void write(String level, String logger, String msg, Throwable error, Object... keyValues) {
        ObjectNode line = start(level, logger, msg);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof Number number) {
                line.put(String.valueOf(keyValues[i]), number.longValue());
            } else if (value != null) {
                line.put(String.valueOf(keyValues[i]), String.valueOf(value));
            }
        }
        if (error != null) {
            line.put(LogLineFields.ERROR, error.getClass().getName() + ": " + error.getMessage());
        }
        print(line);
    }

    private static ObjectNode start(String level, String logger, String msg) {
        ObjectNode line = JSON.createObjectNode();
        line.put(LogLineFields.TIMESTAMP, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put(LogLineFields.LEVEL, level);
        line.put(LogLineFields.MSG, msg);
        line.put(LogLineFields.LOGGER, logger);
        Invocation invocation = current;
        if (invocation != null) {
            line.put(AWS_REQUEST_ID, invocation.awsRequestId());
            line.put(COLD_START, invocation.coldStart());
        }
        return line;
    }

    private static void print(ObjectNode line) {
        PrintStream target = out;
        target.println(line.toString());
        target.flush();
    }

    private record Invocation(String awsRequestId, boolean coldStart) {
    }
}
