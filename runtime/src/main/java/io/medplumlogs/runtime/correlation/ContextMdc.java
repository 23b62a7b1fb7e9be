package io.medplumlogs.runtime.correlation;

import java.util.Map;

import org.jboss.logmanager.MDC;

import io.quarkus.vertx.core.runtime.VertxMDC;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The MDC of the request being served, where Quarkus keeps it: a map in the request's duplicated Vert.x context
 * ({@link VertxMDC}, JBoss' MDC provider on Quarkus). Reaching that map once per line instead of through
 * {@link MDC} saves the work every {@code MDC} call repeats (find the context, mark it safe, find the map) and, for
 * reading, the copy {@link MDC#copyObject()} makes: together a few percent of a trivial request's CPU, paid for every
 * log line and four times in the filter.
 * <p>
 * Used only where {@link MDC} would reach the same map: on a duplicated context, and only once a probe (the first
 * time) showed that {@link MDC} is served by {@link VertxMDC} there. Anywhere else (no Vert.x context, a root
 * context, another provider) callers go through {@link MDC} as before.
 */
public final class ContextMdc {

    /** The key under which {@link VertxMDC} keeps its map in a context's local data. */
    private static final String STORE_KEY = VertxMDC.class.getName();
    private static final String PROBE_KEY = ContextMdc.class.getName() + ".probe";

    /** {@code null} until probed on a duplicated context; then whether {@link MDC} reads {@link VertxMDC}'s map. */
    private static volatile Boolean vertxProvides;

    private ContextMdc() {
    }

    /**
     * The current request's MDC as it is (not a copy): to be read on the thread that logs, not modified, not kept;
     * {@code null} when there is none here or {@link MDC} keeps it elsewhere (then use {@link MDC#copyObject()}).
     */
    public static Map<String, Object> live() {
        Context context = requestContext();
        if (context == null) {
            return null;
        }
        Object store = ((ContextInternal) context).localContextData().get(STORE_KEY);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = store instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        return map;
    }

    /**
     * Puts all of {@code values} into the current request's MDC at once; {@code false} (nothing put) when it cannot
     * be reached this way, and the caller uses {@link MDC#put}.
     */
    public static boolean putAll(Map<String, Object> values) {
        Context context = requestContext();
        if (context == null) {
            return false;
        }
        // as every MDC call through VertxMDC does: keep that side effect the same for the application
        VertxContextSafetyToggle.setContextSafe(context, true);
        VertxMDC.INSTANCE.putAll(values, context);
        return true;
    }

    /** The current duplicated context, if {@link MDC} is known to keep its map there. */
    private static Context requestContext() {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal) || !VertxContext.isDuplicatedContext(context)) {
            return null;
        }
        Boolean provides = vertxProvides;
        if (provides == null) {
            provides = probe(context);
            vertxProvides = provides;
        }
        return provides ? context : null;
    }

    /** Whether what is put into {@link VertxMDC}'s map of this context is what {@link MDC} reads here. */
    private static boolean probe(Context context) {
        Object marker = new Object();
        try {
            VertxMDC.INSTANCE.putObject(PROBE_KEY, marker, context);
            return MDC.getObject(PROBE_KEY) == marker;
        } catch (RuntimeException | LinkageError e) {
            return false;
        } finally {
            try {
                VertxMDC.INSTANCE.removeObject(PROBE_KEY, context);
            } catch (RuntimeException | LinkageError e) {
                // nothing was put, or it is gone already
            }
        }
    }
}
