package io.medplumlogs.runtime.correlation;

import java.util.Map;

import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.jboss.logmanager.MDC;

import io.medplumlogs.contract.LogLineFields;

/**
 * Carries the request's IDs across thread hops that leave the Vert.x context behind: Mutiny operators that resume on
 * a scheduler (e.g. {@code Uni} delays), {@code ManagedExecutor} tasks, {@code CompletionStage} continuations.
 * Quarkus propagates MDC only through the Vert.x context; off it, the MDC is a thread-local that would otherwise show
 * nothing, or worse, a previous request's IDs. Each hop restores what the thread had before.
 */
public class CorrelationContextProvider implements ThreadContextProvider {

    private static final String[] KEYS = { LogLineFields.REQUEST_ID, LogLineFields.TRACE_ID,
            LogLineFields.SPAN_ID, RequestCorrelation.CONTRACT_TRACE_ID, LogLineFields.OTEL_TRACE_ID };

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> props) {
        String[] captured = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            captured[i] = MDC.get(KEYS[i]);
        }
        return () -> apply(captured);
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> props) {
        String[] cleared = new String[KEYS.length];
        return () -> apply(cleared);
    }

    @Override
    public String getThreadContextType() {
        return "medplum-logs-correlation";
    }

    private static ThreadContextController apply(String[] values) {
        String[] previous = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
            set(KEYS[i], values[i]);
        }
        return () -> {
            for (int i = 0; i < KEYS.length; i++) {
                set(KEYS[i], previous[i]);
            }
        };
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
