package io.medplumlogs.runtime.audit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What the application can tell the audit line that the request line alone does not show. Call it from code that
 * serves the request (e.g. a HAPI FHIR interceptor), on any thread that carries the request's Vert.x context.
 */
public final class AuditHints {

    static final String BUNDLE_TYPE = AuditHints.class.getName() + ".bundleType";

    private AuditHints() {
    }

    /**
     * The {@code type} of the Bundle POSTed to the FHIR base ({@code batch} or {@code transaction}), which tells the
     * two interactions apart. The audit never reads request bodies itself, so without this hint such a request is
     * logged as {@code batch}.
     */
    public static void bundleType(String type) {
        Context context = Vertx.currentContext();
        if (context != null && type != null) {
            context.putLocal(BUNDLE_TYPE, type);
        }
    }

    static String bundleType(Context context) {
        return context == null ? null : context.getLocal(BUNDLE_TYPE);
    }
}
