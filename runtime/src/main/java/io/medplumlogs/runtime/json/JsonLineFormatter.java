package io.medplumlogs.runtime.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import io.medplumlogs.runtime.audit.LineFields;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.redaction.MessageRedaction;

/**
 * Writes a log record as one line of JSON in the log contract's shape, with MDC keys at the top level. Hand-written
 * rather than built on a generic JSON generator: this runs for every log line of the application, and a single pass
 * that counts bytes as it escapes is what makes the size bound cheap to enforce.
 */
public class JsonLineFormatter extends ExtFormatter {

    private static final String[] FIRST_MDC_KEYS = { RequestCorrelation.REQUEST_ID, RequestCorrelation.TRACE_ID,
            RequestCorrelation.SPAN_ID };
    /** When even the fixed fields overflow the bound, each remaining value is cut to this many bytes. */
    private static final int SQUEEZED_VALUE_BYTES = 256;
    private static final int UNLIMITED = Integer.MAX_VALUE;
    private static final int OMIT = -1;

    private final JsonLineLayout layout;
    private final MessageRedaction redaction;
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    public JsonLineFormatter(JsonLineLayout layout) {
        this(layout, MessageRedaction.defaults());
    }

    /** @param redaction takes request data out of other loggers' {@code msg}, {@code error} and {@code stack} */
    public JsonLineFormatter(JsonLineLayout layout, MessageRedaction redaction) {
        this.layout = layout;
        this.redaction = redaction;
    }

    public JsonLineLayout layout() {
        return layout;
    }

    @Override
    public String format(ExtLogRecord record) {
        State s = state.get();
        try {
            return formatChecked(record, s);
        } catch (RuntimeException | StackOverflowError e) {
            // A formatter that throws loses the line; write what is certainly safe instead.
            s.out.setLength(0);
            s.out.append('{');
            field(s.out, layout.level(), levelName(record.getLevel()), UNLIMITED, false);
            field(s.out, layout.logger(), String.valueOf(record.getLoggerName()), SQUEEZED_VALUE_BYTES, true);
            field(s.out, layout.msg(), "log record could not be formatted: " + e.getClass().getName(), UNLIMITED,
                    true);
            s.out.append('}').append(layout.delimiter());
            return s.out.toString();
        } finally {
            if (s.out.capacity() > 4 * layout.maxLineBytes() + 1024) {
                s.out = new StringBuilder(1024); // don't keep a huge buffer per thread after one big record
            }
        }
    }

    private String formatChecked(ExtLogRecord record, State s) {
        Parts parts = new Parts(record);
        int max = layout.maxLineBytes();
        Sizes sizes = render(s, record, parts, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, false);
        if (sizes.total > max) {
            int marker = (",\"" + JsonLineLayout.TRUNCATED + "\":true").length();
            int fixed = sizes.total - sizes.msg - sizes.error - sizes.stack + marker;
            int budget = max - fixed;
            // Cut the stack first, then the message, then the exception summary (contract order).
            int stackCap = OMIT;
            int msgCap;
            int errorCap = UNLIMITED;
            if (budget >= sizes.msg + sizes.error + minField(layout.stack())) {
                stackCap = budget - sizes.msg - sizes.error - overhead(layout.stack());
                msgCap = UNLIMITED;
            } else if (budget >= sizes.error + minField(layout.msg())) {
                msgCap = budget - sizes.error - overhead(layout.msg());
            } else {
                msgCap = Math.max(0, budget / 2 - overhead(layout.msg()));
                errorCap = Math.max(0, budget / 2 - overhead(layout.error()));
            }
            sizes = render(s, record, parts, msgCap, errorCap, stackCap, UNLIMITED, true);
            if (sizes.total > max) {
                sizes = render(s, record, parts, SQUEEZED_VALUE_BYTES, SQUEEZED_VALUE_BYTES, OMIT,
                        SQUEEZED_VALUE_BYTES, true);
            }
            if (sizes.total > max) {
                sizes = render(s, record, parts.withoutExtras(), SQUEEZED_VALUE_BYTES, SQUEEZED_VALUE_BYTES, OMIT,
                        SQUEEZED_VALUE_BYTES, true);
            }
        }
        s.out.append(layout.delimiter());
        return s.out.toString();
    }

    private Sizes render(State s, ExtLogRecord record, Parts parts, int msgCap, int errorCap, int stackCap,
            int otherCap, boolean truncated) {
        StringBuilder out = s.out;
        out.setLength(0);
        out.append('{');
        int total = 1;
        boolean first = true;
        if (!layout.excluded().contains(layout.timestamp())) {
            total += field(out, layout.timestamp(), timestamp(s, record.getInstant()), UNLIMITED, false);
            first = false;
        }
        if (!layout.excluded().contains(layout.level())) {
            total += field(out, layout.level(), levelName(record.getLevel()), UNLIMITED, !first);
            first = false;
        }
        Sizes sizes = new Sizes();
        if (!layout.excluded().contains(layout.msg())) {
            int n = field(out, layout.msg(), parts.msg, msgCap, !first);
            first = false;
            total += Math.abs(n);
            sizes.msg = Math.abs(n);
            truncated |= n < 0;
        }
        if (!layout.excluded().contains(layout.logger()) && record.getLoggerName() != null) {
            total += Math.abs(field(out, layout.logger(), record.getLoggerName(), otherCap, !first));
            first = false;
        }
        Map<String, String> mdc = parts.mdc;
        for (String key : FIRST_MDC_KEYS) {
            String value = mdc.get(key);
            if (value != null && !layout.excluded().contains(key)) {
                total += Math.abs(field(out, key, value, otherCap, !first));
                first = false;
            }
        }
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            String key = e.getKey();
            if (isFirstKey(key) || layout.isReserved(key) || layout.excluded().contains(key) || e.getValue() == null) {
                continue;
            }
            total += Math.abs(field(out, key, e.getValue(), otherCap, !first));
            first = false;
        }
        for (Map.Entry<String, Object> e : parts.fields.entrySet()) {
            String key = e.getKey();
            if (layout.isReserved(key) || layout.excluded().contains(key) || mdc.containsKey(key)) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof String str) {
                total += Math.abs(field(out, key, str, otherCap, !first));
            } else {
                total += literalField(out, key, String.valueOf(value), !first);
            }
            first = false;
        }
        for (Map.Entry<String, Object> e : parts.additional.entrySet()) {
            String key = e.getKey();
            if (layout.isReserved(key) || layout.excluded().contains(key) || mdc.containsKey(key)) {
                continue;
            }
            if (e.getValue() instanceof String str) {
                total += Math.abs(field(out, key, str, otherCap, !first));
            } else {
                total += literalField(out, key, String.valueOf(e.getValue()), !first);
            }
            first = false;
        }
        if (parts.error != null && !layout.excluded().contains(layout.error())) {
            int n = field(out, layout.error(), parts.error, errorCap, !first);
            first = false;
            total += Math.abs(n);
            sizes.error = Math.abs(n);
            truncated |= n < 0;
        }
        if (parts.stack != null && !layout.excluded().contains(layout.stack())) {
            if (stackCap == OMIT) {
                truncated = true;
            } else {
                int n = field(out, layout.stack(), parts.stack, stackCap, !first);
                first = false;
                total += Math.abs(n);
                sizes.stack = Math.abs(n);
                truncated |= n < 0;
            }
        }
        if (truncated) {
            String marker = (first ? "\"" : ",\"") + JsonLineLayout.TRUNCATED + "\":true";
            out.append(marker);
            total += marker.length();
        }
        out.append('}');
        sizes.total = total + 1;
        return sizes;
    }

    /** Appends {@code ,"name":"value"}; returns bytes written, negated when the value was cut. */
    private static int field(StringBuilder out, String name, String value, int cap, boolean comma) {
        int bytes = 1; // the colon
        if (comma) {
            out.append(',');
            bytes++;
        }
        bytes += JsonText.appendQuoted(out, name);
        out.append(':');
        int n = JsonText.appendQuoted(out, value, cap);
        return n < 0 ? -(bytes - n) : bytes + n;
    }

    /** Appends {@code ,"name":literal} for numbers and booleans, whose text is ASCII. */
    private static int literalField(StringBuilder out, String name, String literal, boolean comma) {
        if (comma) {
            out.append(',');
        }
        int nameBytes = JsonText.appendQuoted(out, name);
        out.append(':').append(literal);
        return (comma ? 1 : 0) + nameBytes + 1 + literal.length();
    }

    private static int overhead(String name) {
        return 1 + JsonText.quotedLength(name) + 1 + 2; // comma, "name", colon, the value's quotes
    }

    private static int minField(String name) {
        return overhead(name) + 16; // a stack cut below this helps nobody: drop it
    }

    private static boolean isFirstKey(String key) {
        return key.equals(RequestCorrelation.REQUEST_ID) || key.equals(RequestCorrelation.TRACE_ID)
                || key.equals(RequestCorrelation.SPAN_ID);
    }

    /** The contract's five levels: JBoss and JUL levels map by severity. */
    static String levelName(Level level) {
        if (level == null) {
            return "INFO";
        }
        int v = level.intValue();
        if (v >= 1000) {
            return "ERROR";
        }
        if (v >= 900) {
            return "WARN";
        }
        if (v >= 700) {
            return "INFO";
        }
        if (v >= 500) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private String timestamp(State s, Instant instant) {
        if (layout.timestampFormat() != null) {
            return layout.timestampFormat().format(instant);
        }
        long second = instant.getEpochSecond();
        if (second != s.cachedSecond) {
            s.cachedSecond = second;
            s.cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
            if (s.cachedPrefix.length() == 16) {
                s.cachedPrefix += ":00"; // LocalDateTime drops zero seconds
            }
        }
        int millis = instant.getNano() / 1_000_000;
        char[] tail = { '.', (char) ('0' + millis / 100), (char) ('0' + (millis / 10) % 10),
                (char) ('0' + millis % 10), 'Z' };
        return s.cachedPrefix.concat(new String(tail));
    }

    /** What one record contributes, computed once even when the line is rendered again to fit. */
    private final class Parts {
        final String msg;
        final String error;
        final String stack;
        final Map<String, String> mdc;
        final Map<String, Object> additional;
        final Map<String, Object> fields;

        Parts(ExtLogRecord record) {
            LineFields lineFields = LineFields.of(record.getParameters());
            // an audit/login line: its msg is the message proper; the fields go to the top level instead
            String formatted = lineFields != null ? lineFields.message() : record.getFormattedMessage();
            this.msg = formatted == null ? "" : redaction.text(formatted);
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                this.error = redaction.error(thrown);
                this.stack = StackTraceText.of(thrown, redaction::message);
            } else {
                this.error = null;
                this.stack = null;
            }
            this.mdc = record.getMdcCopy();
            this.additional = layout.additionalFields();
            this.fields = lineFields == null ? Map.of() : lineFields.asMap();
        }

        private Parts(Parts from) {
            this.msg = from.msg;
            this.error = from.error;
            this.stack = from.stack;
            Map<String, String> ids = new java.util.HashMap<>();
            for (String key : FIRST_MDC_KEYS) {
                if (from.mdc.get(key) != null) {
                    ids.put(key, from.mdc.get(key));
                }
            }
            this.mdc = ids;
            this.additional = Map.of();
            this.fields = Map.of();
        }

        Parts withoutExtras() {
            return new Parts(this);
        }
    }

    private static final class Sizes {
        int total;
        int msg;
        int error;
        int stack;
    }

    private static final class State {
        StringBuilder out = new StringBuilder(1024);
        long cachedSecond = Long.MIN_VALUE;
        String cachedPrefix;
    }
}
