package io.medplumlogs.runtime.audit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.medplumlogs.runtime.fhir.FhirInteraction;
import io.medplumlogs.runtime.fhir.FhirInteractionClassifier;
import io.medplumlogs.runtime.http.HeaderNames;
import io.medplumlogs.runtime.http.UrlText;
import io.medplumlogs.runtime.identity.PrincipalName;
import io.medplumlogs.runtime.redaction.MessageRedaction;
import io.medplumlogs.runtime.redaction.QueryRedactor;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the {@code Request served} line of an HTTP request when its response completes: who asked (client IP,
 * user agent, user per the identity rule), what (method, redacted path, FHIR interaction), and how it went (status,
 * duration). Nothing of the body or of credential headers is ever read.
 */
public final class RequestAudit {

    /** Logger category of audit lines, so they can be routed or filtered on their own. */
    public static final String LOGGER = "io.medplumlogs.audit";

    /** Written when the client went away before the response was complete (the request timed out for it). */
    static final int CLIENT_GONE = 408;

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final FhirInteractionClassifier classifier;
    private final QueryRedactor redactor;
    private final boolean redactNonFhirQueries;
    private final Requesters requesters;
    private final ExcludedPaths excluded;

    public RequestAudit(FhirInteractionClassifier classifier, QueryRedactor redactor, boolean redactNonFhirQueries,
            Requesters requesters, ExcludedPaths excluded) {
        this.classifier = classifier;
        this.redactor = redactor;
        this.redactNonFhirQueries = redactNonFhirQueries;
        this.requesters = requesters;
        this.excluded = excluded;
    }

    /**
     * Arranges the line for this request, unless its path is excluded. Called again when the request is rerouted
     * ({@code rc.reroute()}, which drops the end handlers): the handlers are added again for the same line, which is
     * still written once, for what the client sent.
     */
    public void observe(RoutingContext rc, RequestCorrelation ids) {
        Object known = rc.get(PENDING_KEY);
        Pending pending;
        if (known instanceof Pending again) {
            pending = again;
        } else if (known != null) {
            return; // excluded when it arrived
        } else {
            String path = rc.request().path();
            if (path == null || excluded.covers(path)) {
                rc.put(PENDING_KEY, EXCLUDED);
                return;
            }
            String query = rc.request().query();
            String shownPath = path;
            String shownQuery = query;
            String masked = MessageRedaction.absoluteTargetWithoutUserInfo(rc.request().uri());
            if (masked != null) {
                // http://alice:s3cr/et@host/x: Vert.x serves /et@host/x; the line shows the target's path without it,
                // but classifies what was served: http://x:y/fhir/R4/Patient/1?@host/ is a read of Patient/1
                shownPath = UrlText.pathOfAbsoluteTarget(masked);
                shownQuery = UrlText.queryOfAbsoluteTarget(masked);
            }
            // what the client sent, read now: after rc.reroute() the request shows the handlers another path
            pending = new Pending(rc.request().method().name(), path, query, shownPath, shownQuery, System.nanoTime(),
                    System.currentTimeMillis(), Vertx.currentContext(), new AtomicBoolean(), new AtomicLong(-1));
            rc.put(PENDING_KEY, pending);
        }
        // Headers out while the response is not ended: its body follows in writes (a large FHIR response through the
        // servlet container), the case in which the application takes the close handler the end handler relies on
        // over. Only such a request is watched: a response ended at once, most of them, costs no timer.
        rc.addHeadersEndHandler(v -> {
            if (!rc.response().ended() && !pending.written().get() && pending.watch().get() < 0) {
                watch(rc, pending, ids);
            }
        });
        // Body end: the response was fully written. Servlet (Undertow) routes take over the response's end and
        // exception handlers, which addEndHandler relies on, but leave this one alone.
        rc.addBodyEndHandler(v -> {
            if (pending.written().compareAndSet(false, true)) {
                write(rc, pending, ids, true);
            }
        });
        // End: also fires when the connection closed first (the client went away), via Vert.x Web's close handler,
        // unless the application took that handler over (watch covers that).
        // Over HTTP/2 the stream closes as soon as both sides ended it, and Vert.x may report that close while it is
        // still ending the response, before the body-end handler above: a response the application ended was
        // written, and the client got it, so only one never ended is the client gone.
        rc.addEndHandler(done -> {
            if (pending.written().compareAndSet(false, true)) {
                write(rc, pending, ids, done.succeeded() || rc.response().ended());
            }
        });
    }

    /**
     * Looks every {@link #WATCH_MILLIS} at a request whose line is not written yet (from when its headers went out
     * before the response was ended), and writes it ({@link #CLIENT_GONE})
     * once its connection or HTTP/2 stream closed before the application ended the response. The handlers above miss
     * that close when the application took the response's handlers over: the servlet container (Undertow) sets its own
     * end and exception handlers, and its own close handler while it waits to write a body the client does not read
     * (a large FHIR response); it then never ends the response, so a client that read the first bytes of a record and
     * went away left no line at all.
     */
    private void watch(RoutingContext rc, Pending pending, RequestCorrelation ids) {
        pending.watch().set(rc.vertx().setTimer(WATCH_MILLIS, id -> {
            if (pending.written().get()) {
                return;
            }
            HttpServerResponse response = rc.response();
            if (response.closed() && !response.ended()) {
                if (pending.written().compareAndSet(false, true)) {
                    write(rc, pending, ids, false);
                }
            } else {
                watch(rc, pending, ids);
            }
        }));
    }

    /** How often {@link #watch} looks at a request whose line is not written yet. */
    static final long WATCH_MILLIS = 1000;

    /** Routing-context key of the request's {@link Pending} line (or {@link #EXCLUDED}). */
    private static final String PENDING_KEY = Pending.class.getName();
    private static final Object EXCLUDED = new Object();

    /**
     * The line of one request until it is written: what the client sent (the path and query Vert.x serves, and those
     * the line shows, which differ only for a target with user info), when, and whether it is written yet.
     */
    private record Pending(String method, String path, String rawQuery, String shownPath, String shownQuery,
            long startNanos, long receivedAtMillis, Context context, AtomicBoolean written, AtomicLong watch) {
    }

    private void write(RoutingContext rc, Pending sent, RequestCorrelation ids, boolean completed) {
        long watch = sent.watch().get();
        if (watch >= 0) {
            rc.vertx().cancelTimer(watch);
        }
        long startNanos = sent.startNanos();
        Context context = sent.context();
        HttpServerRequest request = rc.request();
        Optional<FhirInteraction> fhir = classifier.classify(sent.method(), sent.path(), sent.rawQuery(),
                isConditionalCreate(request), isForm(request), Optional.ofNullable(AuditHints.bundleType(context)));
        String path = sent.shownPath();
        String rawQuery = sent.shownQuery();
        String loggedPath;
        // a FHIR client's query to a target no router reads as FHIR (/fhir/R4;x/Patient?name=...) still holds
        // search values: redact-non-fhir-queries=false is for APIs whose queries never carry personal data
        if (fhir.isPresent() || redactNonFhirQueries || classifier.aimedAtFhir(sent.path())) {
            loggedPath = redactor.redactPath(rawQuery == null ? path : path + "?" + rawQuery);
        } else {
            // redaction switched off for non-FHIR paths: the query unredacted, but printable and cut like the path
            String printable = QueryRedactor.printablePath(path);
            loggedPath = rawQuery == null ? printable : printable + "?" + QueryRedactor.printablePath(rawQuery);
        }
        LineFields fields = new LineFields(LogLineFields.REQUEST_SERVED)
                .put(LogLineFields.METHOD, sent.method())
                .put(LogLineFields.PATH, loggedPath)
                .put(LogLineFields.STATUS, completed ? rc.response().getStatusCode() : CLIENT_GONE)
                .put(LogLineFields.DURATION_MS, (System.nanoTime() - startNanos) / 1_000_000)
                .put(LogLineFields.IP, requesters.ip(request))
                .put(LogLineFields.USER_AGENT, Requesters.userAgent(request))
                .put(LogLineFields.RECEIVED_AT, IsoInstant.of(sent.receivedAtMillis()))
                .put(LogLineFields.USER, user(rc))
                .put(LogLineFields.REQUEST_ID, ids.requestId())
                .put(LogLineFields.TRACE_ID, ids.traceId())
                .put(LogLineFields.OTEL_TRACE_ID, ids.otelTraceId());
        fhir.ifPresent(f -> fields.put(LogLineFields.INTERACTION, f.interaction())
                .put(LogLineFields.RESOURCE_TYPE, f.resourceType())
                .put(LogLineFields.RESOURCE_ID, f.resourceId())
                .put(LogLineFields.VERSION_ID, f.versionId())
                .put(LogLineFields.OPERATION, f.operation())
                .put(LogLineFields.COMPARTMENT, f.compartment())
                .flag(LogLineFields.CONDITIONAL, f.conditional()));
        LOG.infov(LineFields.READABLE_FORMAT, fields.readableArguments());
    }

    /** As HAPI reads it: the first {@code If-None-Exist}, and only when not blank (else it does a plain create). */
    private static boolean isConditionalCreate(HttpServerRequest request) {
        String ifNoneExist = request.getHeader(HeaderNames.IF_NONE_EXIST);
        return ifNoneExist != null && !ifNoneExist.isBlank();
    }

    /**
     * A form body, whose parameters HAPI reads as the query's: one the servlet container parses as a form, which it does
     * when the first {@code Content-Type} starts with the form type exactly as written (Undertow's
     * FormEncodedDataDefinition: {@code startsWith}, case-sensitive, whatever follows), and which it then consumes. Any
     * other body is left to HAPI, which takes a FHIR type from any comma-separated part of any Content-Type header
     * ({@code APPLICATION/X-WWW-FORM-URLENCODED;a=b,application/fhir+json}) and runs the Bundle it holds.
     */
    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HeaderNames.CONTENT_TYPE);
        return type != null && type.startsWith(FORM);
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    private String user(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            String name = PrincipalName.of(user.getSecurityIdentity());
            return name == null ? null : requesters.user(name);
        }
        return null;
    }
}
