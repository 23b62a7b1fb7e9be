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
 * An application's own mechanism ({@code Authorization: Token <key>}) whose failures say too much: the message repeats
 * the key it refused, as careless code does. {@code Token anon} fails with an anonymous subclass of {@link SecurityException}
 * (Kotlin's {@code object : SecurityException(...)}), whose simple class name is empty.
 */
@ApplicationScoped
public class TalkativeFailureMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Token ")) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String key = header.substring("Token ".length());
        if (key.equals("anon")) {
            return Uni.createFrom().failure(new SecurityException("refused key anon-secret-42") {
            });
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("refused key " + key,
                new IllegalArgumentException("directory said: " + key)));
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
