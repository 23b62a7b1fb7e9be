package io.medplumlogs.bench.formatter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;

/** The records both formatters see: the very same ExtLogRecord instances. */
public final class Records {

    private Records() {
    }

    public static ExtLogRecord plain() {
        ExtLogRecord r = new ExtLogRecord(Level.INFO, "Patient {0} read in {1} ms", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                "org.jboss.logging.Logger");
        r.setParameters(new Object[] {"example", 3});
        r.setLoggerName("io.medplumlogs.bench.PatientService");
        r.setInstant(Instant.parse("2026-01-02T03:04:05.678Z"));
        r.setMdc(Map.of());
        return r;
    }

    public static ExtLogRecord withMdc() {
        ExtLogRecord r = plain();
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", "5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11");
        mdc.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        r.setMdc(mdc);
        return r;
    }

    public static ExtLogRecord withException() {
        ExtLogRecord r = withMdc();
        r.setLevel(Level.SEVERE);
        r.setThrown(deepException());
        return r;
    }

    /** An exception with a cause, thrown 25 frames deep: a typical application stack (about 4 KB printed). */
    static Throwable deepException() {
        try {
            recurse(25);
            throw new AssertionError();
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void recurse(int depth) {
        if (depth == 0) {
            try {
                Integer.parseInt("not-a-number");
            } catch (NumberFormatException cause) {
                throw new IllegalStateException("could not read Patient/example: \"bad\" value", cause);
            }
        }
        recurse(depth - 1);
    }
}
