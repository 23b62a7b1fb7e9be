package io.medplumlogs.contract;

import java.util.Optional;

/**
 * How long one Splunk HEC event may be before Splunk cuts it. HEC takes events up to its 1 MB request limit, but
 * Splunk indexes an event's text ({@code _raw}, the {@code event} member as written) only up to its sourcetype's
 * {@code TRUNCATE} (props.conf), 10 000 bytes unless an admin raised it, also for {@code _json}; the rest is lost, and
 * a JSON event cut there no longer parses, so it loses its fields too. The forwarder keeps every Splunk entry within
 * this many bytes, sending a longer line in parts ({@link SplitEntryFields}); a user whose sourcetype has a higher
 * {@code TRUNCATE} (or 0, no limit) raises it with {@value SettingNames#SPLUNK_MAX_EVENT_BYTES} so that longer JSON
 * lines keep their fields.
 */
public final class SplunkEventBytes {

    /** Splunk's default {@code TRUNCATE} (props.conf.spec: "Default: 10000"). */
    public static final int DEFAULT = 10_000;
    /** Room for a part's fields (log group and stream names of up to 512 characters each) and some text. */
    public static final int MIN = 4_096;
    /** What one HEC request holds: no event can be longer, whatever {@code TRUNCATE} says. */
    public static final int MAX = 1_000_000;

    private SplunkEventBytes() {
    }

    /** The number {@code value} gives, when {@link #problem} finds none. */
    public static int parse(String value) {
        return Integer.parseInt(value.trim());
    }

    /** Why {@code value} cannot be the limit, or empty; the text never quotes the value. */
    public static Optional<String> problem(String value) {
        String digits = value == null ? "" : value.trim();
        if (!digits.matches("[0-9]{1,7}")) {
            return Optional.of("must be a whole number of bytes from " + MIN + " to " + MAX
                    + " (your sourcetype's TRUNCATE; Splunk's default is " + DEFAULT + ")");
        }
        int bytes = Integer.parseInt(digits);
        if (bytes < MIN || bytes > MAX) {
            return Optional.of("must be from " + MIN + " to " + MAX + " bytes (your sourcetype's TRUNCATE; for"
                    + " TRUNCATE = 0, no limit, use " + MAX + ")");
        }
        return Optional.empty();
    }
}
