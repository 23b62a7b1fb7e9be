package io.medplumlogs.runtime.json;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.medplumlogs.contract.LogLineFields;

/**
 * Where an MDC key goes on the line. A key named like a field the line writes itself (the contract's fields, the
 * audit and login fields, additional fields) must not pass for that field: an app's {@code path} or {@code user}
 * would otherwise read as the redacted path or the hashed user. Such a key is written as {@code mdc.<key>}, and the
 * first time a key is seen a WARN names it.
 * <p>
 * {@code requestId}, {@code traceId} and {@code spanId} are not app keys: the extension and OpenTelemetry put them
 * into the MDC, and the line takes them from there, inside a request from the request's own IDs (an app's value
 * under those names is renamed by {@link io.medplumlogs.runtime.correlation.LineIds}), on audit lines from the
 * request they were written for.
 */
final class MdcKeys {

    static final String LOGGER = "io.medplumlogs.json";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    /** Computed once per layout, so that the check per MDC key is one hash lookup. */
    private final Set<String> taken;
    /** Colliding key to its written name; also remembers which keys were warned about. */
    private final Map<String, String> renamed = new ConcurrentHashMap<>();

    MdcKeys(JsonLineLayout layout) {
        Set<String> names = new HashSet<>(LogLineFields.AUDIT_FIELDS);
        names.add(layout.timestamp());
        names.add(layout.level());
        names.add(layout.msg());
        names.add(layout.logger());
        names.add(layout.error());
        names.add(layout.stack());
        names.add(LogLineFields.TRUNCATED);
        names.addAll(layout.additionalFields().keySet());
        names.remove(LogLineFields.REQUEST_ID);
        names.remove(LogLineFields.TRACE_ID);
        names.remove(LogLineFields.SPAN_ID);
        this.taken = Set.copyOf(names);
    }

    /** The name an MDC key is written under on a line with these fields of its own. */
    String nameOf(String key, Map<String, Object> lineFields, Map<String, ?> mdc) {
        if (!taken.contains(key) && !lineFields.containsKey(key)) {
            return key; // the hot path: no allocation
        }
        String name = renamed.get(key);
        if (name == null) {
            name = LogLineFields.MDC_PREFIX + key;
            if (renamed.putIfAbsent(key, name) == null) {
                warn(key, name);
            }
        }
        // the app may have used the prefixed name as well: never write one name twice
        while (taken.contains(name) || lineFields.containsKey(name) || mdc.containsKey(name)) {
            name = LogLineFields.MDC_PREFIX + name;
        }
        return name;
    }

    /**
     * The names of a line's MDC keys that hold a surrogate without its pair, or {@code null} when none does (nearly
     * every line). Such a key is written with U+FFFD in its place, as every value is, so two of them ("tag" and
     * U+D800, "tag" and U+DC00), or one and a key with a real U+FFFD, would be one name written twice: each gets the
     * prefix until its name is its own on the line.
     */
    Map<String, String> loneSurrogateNames(Map<String, ?> mdc, Map<String, Object> lineFields) {
        Map<String, String> names = null;
        for (String key : mdc.keySet()) {
            if (!JsonText.hasLoneSurrogate(key)) {
                continue;
            }
            if (names == null) {
                names = new HashMap<>();
            }
            String name = nameOf(JsonText.withoutLoneSurrogates(key), lineFields, mdc);
            while (names.containsValue(name) || mdc.containsKey(name) || taken.contains(name)
                    || lineFields.containsKey(name)) {
                name = LogLineFields.MDC_PREFIX + name;
            }
            names.put(key, name);
        }
        return names;
    }

    /**
     * Logs on a thread of its own, never from inside the formatter: the handler may hold its lock or be an async
     * handler whose full queue this thread would have to drain, and the warning's own line must not be formatted
     * with the MDC that caused it (the new thread inherits none). Each key is warned about once, before the
     * warning is logged, so it cannot repeat or loop.
     */
    private static void warn(String key, String name) {
        String message = "MDC key '" + key + "' is the name of a field the log line writes itself; the line keeps"
                + " its own value and writes the MDC value as '" + name + "'";
        try {
            Thread thread = new Thread(null, () -> LOG.warn(message), "medplum-logs-mdc-warning", 0, false);
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // no thread to spare: the line itself is still right, only the hint is lost
        }
    }
}
