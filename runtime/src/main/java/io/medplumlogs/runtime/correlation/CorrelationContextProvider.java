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
            LogLineFields.SPAN_ID, LogLineFields.OTEL_TRACE_ID, RequestCorrelation.MDC_KEY };

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> props) {
        Object[] captured = new Object[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            captured[i] = MDC.getObject(KEYS[i]);
        }
        return () -> apply(captured);
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> props) {
        Object[] cleared = new Object[KEYS.length];
        return () -> apply(cleared);
    }

    @Override
    public String getThreadContextType() {
        return "medplum-logs-correlation";
    }

    private static ThreadContextController apply(Object[] values) {
        Object[] previous = new Object[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.getObject(KEYS[i]);
            set(KEYS[i], values[i]);
        }
        return () -> {
            for (int i = 0; i < KEYS.length; i++) {
                set(KEYS[i], previous[i]);
            }
        };
    }

    private static void set(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.putObject(key, value);
        }
    }
}
