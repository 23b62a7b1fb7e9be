package io.medplumlogs.runtime.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.Map;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;

/**
 * A record's MDC as the line reads it, without the copies {@link ExtLogRecord#getMdcCopy()} makes. That method
 * copies the MDC three times for every line (the provider's copy, the record's own, then one more to turn the values
 * into strings): on Quarkus, where the MDC lives on the request's Vert.x context, that was a measurable part of each
 * request's logging cost, twice per request (the application's line and {@code Request served}).
 * <p>
 * The same rule as {@link ExtLogRecord#getMdc(String)}: a record whose MDC was copied (an async handler copies
 * every record before it hands it to its thread) is read from that copy; otherwise the record is being published on
 * the thread that logged it, whose MDC is the record's, read with one copy ({@link MDC#copyObject()}). Values may be
 * any object; the line writes their {@code toString()}. If the record's copy cannot be reached (a logmanager
 * without the field), {@link ExtLogRecord#getMdcCopy()} is used, as before.
 */
final class RecordMdc {

    /** {@code ExtLogRecord.mdcCopy}, or {@code null} when it cannot be read. */
    private static final VarHandle COPIED = copiedField();

    private RecordMdc() {
    }

    /** The record's MDC: not to be modified, and not to be kept beyond formatting the line. */
    static Map<String, ?> of(ExtLogRecord record) {
        if (COPIED == null) {
            return record.getMdcCopy();
        }
        Object copied = COPIED.get(record);
        if (copied instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> mdc = (Map<String, ?>) map;
            return mdc;
        }
        return MDC.copyObject();
    }

    /** Whether records' own copies are read directly (else every line pays for {@code getMdcCopy()}'s copies). */
    static boolean readsRecordCopies() {
        return COPIED != null;
    }

    private static VarHandle copiedField() {
        try {
            Field field = ExtLogRecord.class.getDeclaredField("mdcCopy");
            if (!Map.class.isAssignableFrom(field.getType())) {
                return null;
            }
            return MethodHandles.privateLookupIn(ExtLogRecord.class, MethodHandles.lookup()).unreflectVarHandle(field);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // another logmanager version: the public, copying way still works
        }
    }
}
