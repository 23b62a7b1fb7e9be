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
 * An application's own mechanism that takes the whole {@code Authorization} header as an API key, without a scheme
 * word, as many API clients send one. Every key is wrong here: each request is a failed login attempt.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (context.request().getHeader("Authorization") == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        // as a careless mechanism would word it: the key it refused, in the exception's message (log-contract.adoc:
        // a login line's reason is the class, "never its message")
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown key "
                + context.request().getHeader("Authorization")));
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
