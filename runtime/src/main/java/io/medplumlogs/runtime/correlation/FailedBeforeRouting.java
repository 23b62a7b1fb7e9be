package io.medplumlogs.runtime.correlation;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The correlation filter once more, as the first failure handler: Vert.x Web fails some requests before the first
 * route (and so the filter) runs, an HTTP/1.1 request without a usable {@code Host} header (400, "For HTTP/1.x
 * requests, the 'Host' header is required") and a request target that does not start with {@code /}. Quarkus' error
 * handler answers them, but they had no IDs, no {@code X-Request-Id} and no {@code Request served} line. Here they
 * get all three, as if the filter had run first. The failure of a request the filter saw goes straight on.
 */
public final class FailedBeforeRouting implements Handler<RoutingContext> {

    private final Handler<RoutingContext> filter;

    /** @param filter the request's first handler, which ends with {@code rc.next()} (here: the next failure handler) */
    public FailedBeforeRouting(Handler<RoutingContext> filter) {
        this.filter = filter;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (rc.get(CorrelationFilter.CONTEXT_KEY) != null) {
            rc.next();
        } else {
            filter.handle(rc);
        }
    }
}
