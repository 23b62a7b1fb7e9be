package io.medplumlogs.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The forwarder's own logs: one JSON object per line on stdout, in the same shape as our log contract ({@code timestamp},
 * {@code level}, {@code msg}, {@code logger}), so that CloudWatch Logs Insights queries treat it like the app. Lambda's
 * own log group is never forwarded, so these lines stay in CloudWatch.
 */
public final class ForwarderLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PrintStream out = System.out;

    private ForwarderLog() {
    }

    public static void info(String msg, Object... keyValues) {
        write("INFO", msg, null, keyValues);
    }

    public static void warn(String msg, Object... keyValues) {
        write("WARN", msg, null, keyValues);
    }

    public static void error(String msg, Throwable error, Object... keyValues) {
        write("ERROR", msg, error, keyValues);
    }

    /** Where lines go; tests capture them. */
    public static void redirect(PrintStream target) {
        out = target == null ? System.out : target;
    }

    private static void write(String level, String msg, Throwable error, Object... keyValues) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("level", level);
        line.put("msg", msg);
        line.put("logger", "io.medplumlogs.forwarder");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof Number number) {
                line.put(String.valueOf(keyValues[i]), number.longValue());
            } else if (value != null) {
                line.put(String.valueOf(keyValues[i]), String.valueOf(value));
            }
        }
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        out.println(line.toString());
        out.flush();
    }
}
