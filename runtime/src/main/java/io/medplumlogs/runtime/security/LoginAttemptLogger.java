package io.medplumlogs.runtime.security;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.runtime.audit.LineFields;
import io.medplumlogs.runtime.audit.Requesters;
import io.medplumlogs.runtime.correlation.CorrelationFilter;
import io.medplumlogs.runtime.http.HeaderNames;
import io.medplumlogs.runtime.identity.PrincipalName;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationEvent;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.quarkus.vertx.http.runtime.security.MtlsAuthenticationMechanism;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes {@code Login succeeded} / {@code Login failed} from Quarkus' authentication events. Registered as a bean
 * only when the application has Quarkus security and login lines are on; the observer's existence is what makes
 * Quarkus fire the events, so "off" costs nothing.
 * <p>
 * No secret is ever written: the mechanism is the {@code Authorization} scheme word, and only when it is a known
 * scheme (see {@link AuthorizationScheme}), or the form login path; the failure reason is the exception's class name,
 * and the user is the authenticated principal's name through the identity rule. A failed attempt has no verified principal; its {@code user} is the keyed hash
 * of the name the client typed (Basic), whatever the identity mode, so that failures count per account (OWASP
 * logging guidance) while a password typed into the name field stays unreadable.
 */
@Singleton
public class LoginAttemptLogger {

    public static final String LOGGER = "io.medplumlogs.login";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        write(LogLineFields.LOGIN_SUCCEEDED, event.getEventProperties(), PrincipalName.of(event.getSecurityIdentity()),
                false, null);
    }

    /**
     * A successful form login ({@code POST j_security_check}): Quarkus' form mechanism answers it with its redirect
     * and hands Quarkus no identity, so no {@link AuthenticationSuccessEvent} is fired for it, only this event (a
     * failed one does fire {@link AuthenticationFailureEvent}). Without this, a form login that worked left no line.
     */
    void formLogin(@Observes FormAuthenticationEvent event) {
        SecurityIdentity identity = event.getSecurityIdentity();
        if (!PrincipalName.authenticated(identity)) {
            return;
        }
        String name = PrincipalName.of(identity);
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(identity);
        if (rc == null) {
            rc = CorrelationFilter.currentRoutingContext(); // fired on the request's context, before its redirect
        }
        write(LogLineFields.LOGIN_SUCCEEDED, rc == null ? Map.of() : Map.of(RoutingContext.class.getName(), rc),
                name, false, null);
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        Throwable failure = event.getAuthenticationFailure();
        write(LogLineFields.LOGIN_FAILED, event.getEventProperties(), null, true, reason(failure));
    }

    /**
     * The failure's class simple name, never its message. An anonymous class (Kotlin's {@code object :
     * SecurityException(...)}) has an empty simple name, which wrote {@code "reason":""}: nothing an auditor can
     * count by. Its nearest named superclass says what kind of failure it was, and is still no message.
     */
    static String reason(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Class<?> type = failure.getClass();
        while (type.getSimpleName().isEmpty() && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    private static void write(String message, Map<String, Object> properties, String userName, boolean failed,
            String reason) {
        Requesters requesters = Requesters.current();
        LineFields fields = new LineFields(message).put(LogLineFields.OUTCOME,
                failed ? LogLineFields.OUTCOME_FAILURE : LogLineFields.OUTCOME_SUCCESS);
        Object rc = properties == null ? null : properties.get(RoutingContext.class.getName());
        String user = requesters == null || userName == null ? null : requesters.user(userName);
        if (rc instanceof RoutingContext routing) {
            HttpServerRequest request = routing.request();
            if (failed && requesters != null) {
                // only a name Quarkus' Basic mechanism read: a Basic header beside a form login, or sent to an app
                // without Basic, is ignored by Quarkus, and a name taken from it would pin the failure on anyone
                user = requesters.failedLoginUser(
                        ranMechanism(routing) instanceof BasicAuthenticationMechanism ? TypedUserName.of(request) : null);
            }
            fields.put(LogLineFields.MECHANISM, mechanism(routing))
                    .put(LogLineFields.IP, requesters == null ? null : requesters.ip(request))
                    .put(LogLineFields.USER_AGENT, Requesters.userAgent(request));
        }
        fields.put(LogLineFields.USER, user).put(LogLineFields.REASON, reason);
        if (failed) {
            LOG.warnv(LineFields.READABLE_FORMAT, fields.readableArguments());
        } else {
            LOG.infov(LineFields.READABLE_FORMAT, fields.readableArguments());
        }
    }

    /** Quarkus OIDC's session and code-flow state cookies: see {@link #isOidcCookie}. */
    private static final String SESSION_COOKIE = "q_session";
    private static final String STATE_COOKIE = "q_auth";

    /**
     * The mechanism Quarkus ran for the request, as its own Basic, form and mTLS mechanisms record it in the routing
     * context when they take a request (before they authenticate, so a failure has it too); {@code null} when none
     * of them did (a mechanism of the application's own, for one).
     */
    private static Object ranMechanism(RoutingContext rc) {
        return rc.get(HttpAuthenticationMechanism.class.getName());
    }

    /**
     * Quarkus' Basic, form or mTLS mechanism when one of them took the request (whatever other headers came with it), else
     * the known scheme word of the Authorization header (never its value), the form-login path, or OIDC's cookies.
     */
    static String mechanism(RoutingContext rc) {
        Object ran = ranMechanism(rc);
        if (ran instanceof FormAuthenticationMechanism) {
            return "form";
        }
        if (ran instanceof BasicAuthenticationMechanism) {
            return "basic";
        }
        if (ran instanceof MtlsAuthenticationMechanism) {
            // a client certificate: the TLS handshake carried the credential, no header names it
            return "mtls";
        }
        boolean oidc = false;
        for (Cookie cookie : rc.request().cookies()) {
            oidc |= isOidcCookie(cookie.getName());
        }
        return mechanism(rc.request().headers().getAll(HeaderNames.AUTHORIZATION), rc.request().path(), oidc);
    }

    /**
     * Quarkus OIDC's cookies: the session ({@code q_session}, {@code q_session_<tenant>}, and their
     * {@code _chunk_<n>} parts when the tokens are large) and the code flow's state ({@code q_auth},
     * {@code q_auth_<tenant>...}), which the callback that completes a login carries. Only the exact
     * {@code q_session} was recognised: a tenant's or a chunked session's login was {@code unknown}.
     */
    static boolean isOidcCookie(String name) {
        return name != null && (name.equals(SESSION_COOKIE) || name.startsWith(SESSION_COOKIE + "_")
                || name.equals(STATE_COOKIE) || name.startsWith(STATE_COOKIE + "_"));
    }

    /**
     * @param authorizations every {@code Authorization} header of the request, in order
     * @return the scheme they name; {@code unknown} when several name different schemes: which one the login used
     *         is not known here (the user may have been read from another), and a line must not claim one
     */
    static String mechanism(java.util.List<String> authorizations, String path, boolean oidcSession) {
        if (authorizations != null && !authorizations.isEmpty()) {
            String scheme = AuthorizationScheme.of(authorizations.get(0));
            for (String other : authorizations) {
                if (!AuthorizationScheme.of(other).equals(scheme)) {
                    return AuthorizationScheme.UNKNOWN;
                }
            }
            return scheme;
        }
        if (path != null && path.endsWith("/j_security_check")) {
            return "form";
        }
        return oidcSession ? "oidc" : AuthorizationScheme.UNKNOWN;
    }
}
