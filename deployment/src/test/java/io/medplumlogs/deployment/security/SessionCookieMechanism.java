package io.medplumlogs.deployment.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Stands in for Quarkus OIDC's code flow without an identity provider: any request with a cookie whose name starts
 * with {@code q_} or {@code Q_} (a session, a state, a look-alike) is an attempt to resume a session, and every
 * session has expired, so each is a failed login. Which of them the line calls {@code oidc} is the extension's call.
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        boolean session = context.request().cookies().stream()
                .anyMatch(c -> c.getName().startsWith("q_") || c.getName().startsWith("Q_"));
        return session ? Uni.createFrom().failure(new AuthenticationFailedException("session expired"))
                : Uni.createFrom().optional(java.util.Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
