package io.medplumlogs.runtime.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.runtime.audit.LineFields;
import io.medplumlogs.runtime.correlation.LineIds;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.redaction.MessageRedaction;

/**
 * Writes a log record as one line of JSON in the log contract's shape, with MDC keys at the top level. Hand-written
 * rather than built on a generic JSON generator: this runs for every log line of the application, and a single pass
 * that counts bytes as it escapes is what makes the size bound cheap to enforce.
 */
public class JsonLineFormatter extends ExtFormatter {

    /** The correlation keys: ours (and OpenTelemetry's), never an app's, so never renamed as a collision. */
    private static final String[] FIRST_MDC_KEYS = { LogLineFields.REQUEST_ID, LogLineFields.TRACE_ID,
            LogLineFields.SPAN_ID, LogLineFields.OTEL_TRACE_ID };
    /** Cap of the logger name in the line written when formatting itself failed. */
    private static final int SQUEEZED_VALUE_BYTES = 256;
    private static final int UNLIMITED = Integer.MAX_VALUE;
    private static final int OMIT = -1;
    /**
     * Bytes a correlation ID keeps when a line must be cut: the contract's longest accepted trace header value (256
     * characters of ASCII), so an ID the extension wrote is never cut (the extension's IDs are at most 64
     * characters but for a caller's X-Trace-Id token, which may have 256).
     */
    private static final int ID_CAP = 256;

    private final JsonLineLayout layout;
    /**
     * The bound of the JSON object: max-line-bytes less what the delimiter puts before its line feed (the carriage
     * return of {@code \r\n}), which a line-based reader (the awslogs driver) keeps in the line and counts.
     */
    private final int maxObjectBytes;
    /** The layout's excluded names, checked for every MDC and line field of every line. */
    private final Set<String> excluded;
    /** Whether the layout's own fields are written: decided once rather than looked up for every line. */
    private final boolean timestampOn;
    private final boolean levelOn;
    private final boolean msgOn;
    private final boolean loggerOn;
    private final boolean errorOn;
    private final boolean stackOn;
    private final boolean[] firstKeyOn = new boolean[FIRST_MDC_KEYS.length];
    private final MdcKeys mdcKeys;
    private final MessageRedaction redaction;
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    public JsonLineFormatter(JsonLineLayout layout) {
        this(layout, MessageRedaction.defaults());
    }

    /** @param redaction takes request data out of other loggers' {@code msg}, {@code error} and {@code stack} */
    public JsonLineFormatter(JsonLineLayout layout, MessageRedaction redaction) {
        this.layout = layout;
        this.maxObjectBytes = layout.maxLineBytes() - beforeLineFeed(layout.delimiter());
        this.excluded = layout.excluded();
        this.timestampOn = !excludes(layout.timestamp());
        this.levelOn = !excludes(layout.level());
        this.msgOn = !excludes(layout.msg());
        this.loggerOn = !excludes(layout.logger());
        this.errorOn = !excludes(layout.error());
        this.stackOn = !excludes(layout.stack());
        for (int i = 0; i < FIRST_MDC_KEYS.length; i++) {
            firstKeyOn[i] = !excludes(FIRST_MDC_KEYS[i]);
        }
        this.mdcKeys = new MdcKeys(layout);
        this.redaction = redaction;
    }

    private static int beforeLineFeed(String delimiter) {
        int bytes = delimiter.getBytes(StandardCharsets.UTF_8).length;
        return delimiter.endsWith("\n") ? bytes - 1 : bytes;
    }

    public JsonLineLayout layout() {
        return layout;
    }

    @Override
    public String format(ExtLogRecord record) {
        State shared = state.get();
        // A value's toString() that logs (an MDC object, a parameter) has its line formatted on this thread while
        // this one is half written: it gets a buffer of its own, else it overwrote this line's.
        State s = shared.busy ? new State() : shared;
        s.busy = true;
        try {
            return formatChecked(record, s);
        } catch (Throwable e) {
            // A formatter that throws loses the line; write what is certainly safe instead, still with its time and
            // the request's IDs, so that the line can be found with the rest of its request. Any throwable: the app's
            // toString() may throw an Error (AssertionError, NoClassDefFoundError) or, from Kotlin or @SneakyThrows,
            // a checked exception, and the console handler drops the line silently on anything but an Exception.
            failed(s, record, e);
            s.out.append(layout.delimiter());
            return s.out.toString();
        } finally {
            s.busy = false;
            if (s.out.capacity() > 4 * layout.maxLineBytes() + 1024) {
                s.out = new StringBuilder(1024); // don't keep a huge buffer per thread after one big record
            }
        }
    }

    /**
     * The line of a record that could not be formatted: its time, level, logger, the error's type and the IDs, each
     * value at most 256 bytes and, should that still overflow the bound (an app's long IDs outside a request, a
     * long logger name, a small bound), cut alike to half that until it fits, as any other line is cut. A field the
     * user's {@code excluded-keys} names is left out here too: it is a JSON line like any other.
     */
    private void failed(State s, ExtLogRecord record, Throwable e) {
        String timestamp = timestampOn ? safely(() -> timestamp(s, record.getInstant())) : null;
        String level = levelOn ? levelName(record.getLevel()) : null;
        String logger = loggerOn ? Objects.requireNonNullElse(record.getLoggerName(), "") : null;
        String prefix = "log record could not be formatted: ";
        String msg = msgOn ? prefix + e.getClass().getName() : null;
        Map<String, ?> mdc = safely(() -> LineIds.resolve(RecordMdc.of(record)));
        String[] ids = new String[FIRST_MDC_KEYS.length];
        for (int i = 0; i < FIRST_MDC_KEYS.length && mdc != null; i++) {
            String key = FIRST_MDC_KEYS[i];
            ids[i] = firstKeyOn[i] ? safely(() -> text(mdc.get(key))) : null;
        }
        String error = record.getThrown() != null && errorOn ? record.getThrown().getClass().getName() : null;
        int max = maxObjectBytes;
        for (int cap = SQUEEZED_VALUE_BYTES; cap >= 0; cap = cap == 0 ? -1 : cap / 2) {
            StringBuilder out = s.out;
            out.setLength(0);
            out.append('{');
            int total = 1;
            boolean cut = false;
            int n;
            if (timestamp != null) {
                n = field(out, layout.timestamp(), timestamp, cap, false);
                cut |= n < 0;
                total += Math.abs(n);
            }
            if (level != null) {
                total += field(out, layout.level(), level, UNLIMITED, total > 1);
            }
            if (logger != null) {
                n = field(out, layout.logger(), logger, cap, total > 1);
                cut |= n < 0;
                total += Math.abs(n);
            }
            if (msg != null) {
                n = field(out, layout.msg(), msg, prefix.length() + cap, total > 1);
                cut |= n < 0;
                total += Math.abs(n);
            }
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != null) {
                    n = field(out, FIRST_MDC_KEYS[i], ids[i], cap, total > 1);
                    cut |= n < 0;
                    total += Math.abs(n);
                }
            }
            if (error != null) {
                n = field(out, layout.error(), error, cap, total > 1);
                cut |= n < 0;
                total += Math.abs(n);
            }
            if (cut) {
                String marker = (total > 1 ? "," : "") + "\"" + LogLineFields.TRUNCATED + "\":true";
                out.append(marker);
                total += marker.length();
            }
            out.append('}');
            if (total + 1 <= max) {
                return;
            }
        }
        minimal(s, level, max); // even empty values overflow (very long field names)
    }

    private String formatChecked(ExtLogRecord record, State s) {
        Parts parts = new Parts(record, s);
        int max = maxObjectBytes;
        Sizes sizes = render(s, parts, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, false);
        if (sizes.total > max) {
            int marker = (",\"" + LogLineFields.TRUNCATED + "\":true").length();
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
            sizes = render(s, parts, msgCap, errorCap, stackCap, UNLIMITED, true);
            if (sizes.total > max) {
                // the other values are what overflows (e.g. huge MDC values): cut every value alike, but the IDs
                sizes = squeeze(s, parts, max, false);
            }
            if (sizes.total > max) {
                // even empty values overflow (many or long keys): keep the contract's fields only
                sizes = squeeze(s, parts.withoutExtras(), max, false);
            }
            if (sizes.total > max) {
                // the IDs themselves overflow (an app's huge MDC values under their names): cut them alike too
                sizes = squeeze(s, parts.withoutExtras(), max, true);
            }
            if (sizes.total > max) {
                minimal(s, levelOn ? parts.level : null, max);
            }
        }
        s.out.append(layout.delimiter());
        return s.out.toString();
    }

    /**
     * Renders with every value (stack left out) cut to one length, the largest that keeps the line within
     * {@code max}: found from a render with empty values, so it holds exactly, whatever the values are.
     */
    private Sizes squeeze(State s, Parts parts, int max, boolean idsAlike) {
        s.idsAlike = idsAlike;
        try {
            return squeezeOnce(s, parts, max);
        } finally {
            s.idsAlike = false;
        }
    }

    private Sizes squeezeOnce(State s, Parts parts, int max) {
        Sizes empty = render(s, parts, 0, 0, OMIT, 0, true);
        if (empty.total > max || empty.cut == 0 || empty.capped == 0) {
            return empty;
        }
        int cap = (max - empty.total) / empty.capped;
        Sizes sizes = render(s, parts, cap, cap, OMIT, cap, true);
        // A cut value ends at most 5 bytes short of its cap (an escape or a character is never split), so the
        // room short values left over can be shared among the cut ones without overflowing.
        if (sizes.cut > 0) {
            int more = (max - sizes.total - 5 * sizes.cut) / sizes.cut;
            if (more > 0) {
                sizes = render(s, parts, cap + more, cap + more, OMIT, cap + more, true);
            }
        }
        return sizes;
    }

    /**
     * The last resort for a bound smaller than the field names alone: the level and the marker, or the marker.
     * {@code level} is {@code null} when it is excluded.
     */
    private void minimal(State s, String level, int max) {
        StringBuilder out = s.out;
        out.setLength(0);
        out.append('{');
        int total = level == null ? max + 1 : 1 + field(out, layout.level(), level, UNLIMITED, false);
        String marker = ",\"" + LogLineFields.TRUNCATED + "\":true}";
        if (total + marker.length() > max) {
            out.setLength(0);
            out.append('{').append(marker, 1, marker.length());
        } else {
            out.append(marker);
        }
    }

    private Sizes render(State s, Parts parts, int msgCap, int errorCap, int stackCap, int otherCap,
            boolean truncated) {
        StringBuilder out = s.out;
        out.setLength(0);
        out.append('{');
        Sizes sizes = new Sizes();
        int total = 1;
        boolean first = true;
        if (timestampOn) {
            total += field(out, layout.timestamp(), parts.timestamp, UNLIMITED, false);
            first = false;
        }
        if (levelOn) {
            total += field(out, layout.level(), parts.level, UNLIMITED, !first);
            first = false;
        }
        if (msgOn) {
            int n = capped(out, layout.msg(), parts.msg, msgCap, !first, sizes);
            first = false;
            total += n;
            sizes.msg = n;
        }
        if (loggerOn) {
            total += capped(out, layout.logger(), parts.logger, otherCap, !first, sizes);
            first = false;
        }
        // The line's own fields win over the MDC: the IDs of an audit line are those of its request, and an app's
        // MDC key of a field's name is written under another name (see MdcKeys).
        Map<String, Object> fields = parts.fields;
        Map<String, ?> mdc = parts.mdc;
        for (int i = 0; i < FIRST_MDC_KEYS.length; i++) {
            String key = FIRST_MDC_KEYS[i];
            if (!firstKeyOn[i]) {
                continue;
            }
            String value = fields.get(key) instanceof String own ? own : text(mdc.get(key));
            if (value != null) {
                total += s.idsAlike ? capped(out, key, value, otherCap, !first, sizes)
                        : cutCounted(out, key, value, otherCap == UNLIMITED ? UNLIMITED : ID_CAP, !first, sizes);
                first = false;
            }
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String key = e.getKey();
            if (isFirstKey(key) || layout.isReserved(key) || excludes(key)) {
                continue;
            }
            total += typedField(out, key, e.getValue(), otherCap, !first, sizes);
            first = false;
        }
        for (Map.Entry<String, Object> e : parts.additional.entrySet()) {
            String key = e.getKey();
            if (isFirstKey(key) || layout.isReserved(key) || excludes(key) || fields.containsKey(key)) {
                continue;
            }
            total += typedField(out, key, e.getValue(), otherCap, !first, sizes);
            first = false;
        }
        for (Map.Entry<String, ?> e : mdc.entrySet()) {
            String key = e.getKey();
            String value = isFirstKey(key) || key.equals(RequestCorrelation.MDC_KEY) ? null : text(e.getValue());
            if (value == null) {
                continue;
            }
            String name = parts.mdcNames == null ? null : parts.mdcNames.get(key);
            if (name == null) {
                name = mdcKeys.nameOf(key, fields, mdc);
            }
            if (excludes(name)) {
                continue;
            }
            total += capped(out, name, value, otherCap, !first, sizes);
            first = false;
        }
        if (parts.error != null && errorOn) {
            int n = capped(out, layout.error(), parts.error, errorCap, !first, sizes);
            first = false;
            total += n;
            sizes.error = n;
        }
        if (parts.stack != null && stackOn) {
            if (stackCap == OMIT) {
                truncated = true;
            } else {
                int n = capped(out, layout.stack(), parts.stack, stackCap, !first, sizes);
                first = false;
                total += n;
                sizes.stack = n;
            }
        }
        if (truncated || sizes.cut > 0) {
            String marker = (first ? "\"" : ",\"") + LogLineFields.TRUNCATED + "\":true";
            out.append(marker);
            total += marker.length();
        }
        out.append('}');
        sizes.total = total + 1;
        return sizes;
    }

    /** A string field under a cap: counted so that {@link #squeeze} knows how many values share the room. */
    private static int capped(StringBuilder out, String name, String value, int cap, boolean comma, Sizes sizes) {
        if (cap != UNLIMITED) {
            sizes.capped++;
        }
        return cutCounted(out, name, value, cap, comma, sizes);
    }

    /**
     * A string field whose cut, if any, marks the line truncated, but that does not share the room {@link #squeeze}
     * divides: a correlation ID, never cut with the other values (a line is found by its IDs, whatever else it lost),
     * only at {@link #ID_CAP}, longer than any ID the extension writes, so that an app's huge MDC value under an ID's
     * name still cannot overflow the line; only when the IDs at that cap do not fit beside the contract's other
     * fields are they cut alike with the rest ({@link #capped}).
     */
    private static int cutCounted(StringBuilder out, String name, String value, int cap, boolean comma,
            Sizes sizes) {
        int n = field(out, name, value, cap, comma);
        if (n < 0) {
            sizes.cut++;
            return -n;
        }
        return n;
    }

    private static int typedField(StringBuilder out, String name, Object value, int cap, boolean comma,
            Sizes sizes) {
        if (value instanceof String str) {
            return capped(out, name, str, cap, comma, sizes);
        }
        return literalField(out, name, String.valueOf(value), comma);
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

    /** What {@code part} gives, or {@code null} when it throws too (only for the line of a record that failed). */
    private static <T> T safely(java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (Throwable e) {
            return null;
        }
    }

    /** An MDC value as written: its {@code toString()} (MDC values may be objects), {@code null} for none. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private boolean excludes(String name) {
        return !excluded.isEmpty() && excluded.contains(name);
    }

    /** An ID key ({@link #FIRST_MDC_KEYS}) the line does not write from the MDC: switched off, or the line's own. */
    private boolean idNotWritten(String key, Map<String, Object> fields) {
        for (int i = 0; i < FIRST_MDC_KEYS.length; i++) {
            if (FIRST_MDC_KEYS[i].equals(key)) {
                return !firstKeyOn[i] || fields.get(key) instanceof String;
            }
        }
        return false;
    }

    private static boolean isFirstKey(String key) {
        return key.equals(LogLineFields.REQUEST_ID) || key.equals(LogLineFields.TRACE_ID)
                || key.equals(LogLineFields.SPAN_ID) || key.equals(LogLineFields.OTEL_TRACE_ID);
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

    /**
     * The record's message with its parameters. If they do not fit its format ({@code infof("%d", "abc")}) or one's
     * {@code toString()} throws, the format as the code wrote it, and why: the rest of the line is still written.
     */
    private static String formattedMessage(ExtLogRecord record) {
        try {
            return record.getFormattedMessage();
        } catch (Throwable e) {
            return record.getMessage() + " (parameters not written: " + e.getClass().getName() + ")";
        }
    }

    /** What one record contributes, computed once even when the line is rendered again to fit. */
    private final class Parts {
        final String timestamp;
        final String level;
        final String logger;
        final String msg;
        final String error;
        final String stack;
        final Map<String, ?> mdc;
        final Map<String, Object> additional;
        final Map<String, Object> fields;
        /** The names of MDC keys with a lone surrogate ({@link MdcKeys#loneSurrogateNames}), usually {@code null}. */
        final Map<String, String> mdcNames;

        Parts(ExtLogRecord record, State s) {
            this.timestamp = timestamp(s, record.getInstant());
            this.level = levelName(record.getLevel());
            // JUL's anonymous loggers have no name: the field is still written, as the contract says it always is
            this.logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            LineFields lineFields = LineFields.of(record.getParameters());
            // an audit/login line: its msg is the message proper; the fields go to the top level instead
            String formatted = lineFields != null ? lineFields.message() : formattedMessage(record);
            this.msg = formatted == null ? "" : redaction.text(formatted);
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                String error;
                String stack = null;
                try {
                    error = redaction.error(thrown);
                } catch (Throwable e) {
                    // an exception whose getMessage() throws: its type is still worth the line
                    error = thrown.getClass().getName() + " (message not written: " + e.getClass().getName() + ")";
                }
                try {
                    // never longer than the line: what is past the bound would be cut anyway, and a chain of causes
                    // may have no end
                    stack = StackTraceText.of(thrown, redaction.stackMessages(thrown), maxObjectBytes);
                } catch (Throwable e) {
                    // a message (of the exception or a cause) that throws, or frames that cannot be read: the error
                    // above says what it can, the stack is left out
                }
                this.error = error;
                this.stack = stack;
            } else {
                this.error = null;
                this.stack = null;
            }
            this.fields = lineFields == null ? Map.of() : lineFields.asMap();
            this.mdc = readOnce(LineIds.resolve(RecordMdc.of(record)), fields);
            this.additional = layout.additionalFields();
            this.mdcNames = mdcKeys.loneSurrogateNames(mdc, fields);
        }

        /** The same record with nothing but the contract's fields. */
        private Parts(Parts from) {
            this.timestamp = from.timestamp;
            this.level = from.level;
            this.logger = from.logger;
            this.msg = from.msg;
            this.error = from.error;
            this.stack = from.stack;
            Map<String, String> ids = new HashMap<>();
            Map<String, Object> ownIds = new HashMap<>();
            for (String key : FIRST_MDC_KEYS) {
                String value = text(from.mdc.get(key));
                if (value != null) {
                    ids.put(key, value);
                }
                if (from.fields.get(key) instanceof String own) {
                    ownIds.put(key, own);
                }
            }
            this.mdc = ids;
            this.additional = Map.of();
            this.fields = ownIds;
            this.mdcNames = null;
        }

        Parts withoutExtras() {
            return new Parts(this);
        }
    }

    /**
     * The MDC with every value an application put as an object ({@code MDC.putObject}) read once: a line above the
     * bound is rendered again to fit, and an object's {@code toString()} that logs, counts or changes must not run
     * once per pass. Strings (nearly every value) are taken as they are, without a copy; what is never written is
     * not read: the request's own correlation object, and an ID key that is switched off or that the line's own
     * fields (an audit line's) override.
     */
    private Map<String, ?> readOnce(Map<String, ?> mdc, Map<String, Object> fields) {
        Map<String, Object> read = null;
        for (Map.Entry<String, ?> e : mdc.entrySet()) {
            Object value = e.getValue();
            if (value == null || value instanceof String || RequestCorrelation.MDC_KEY.equals(e.getKey())
                    || idNotWritten(e.getKey(), fields)) {
                continue;
            }
            if (read == null) {
                read = new LinkedHashMap<>(mdc);
            }
            read.put(e.getKey(), value.toString());
        }
        return read == null ? mdc : read;
    }

    private static final class Sizes {
        /** Values rendered under a cap, and how many of them were cut. */
        int capped;
        int cut;
        int total;
        int msg;
        int error;
        int stack;
    }

    private static final class State {
        StringBuilder out = new StringBuilder(1024);
        long cachedSecond = Long.MIN_VALUE;
        String cachedPrefix;
        /** While a squeeze's last stage runs: the IDs are cut alike with the other values. */
        boolean idsAlike;
        /** A line is being formatted with this state (a nested call on the same thread takes another). */
        boolean busy;
    }
}
