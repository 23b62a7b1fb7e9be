package io.medplumlogs.deployment.security;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.credential.Credential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * An application's own mechanism whose principal loads its name lazily and fails to (a directory down, a detached
 * entity): every request with {@code Authorization: Key ...} is authenticated, as role {@code clinician}, but
 * {@link Principal#getName()} throws. The application's resources never ask for the name; only a logger would.
 */
@ApplicationScoped
public class LazyPrincipalMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Key ")) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        Principal lazy = () -> {
            throw new IllegalStateException("user directory unavailable");
        };
        return Uni.createFrom().item(new LazyIdentity(lazy));
    }

    /** Authenticated, role {@code clinician}, with the principal given. */
    private record LazyIdentity(Principal principal) implements SecurityIdentity {
        @Override
        public Principal getPrincipal() {
            return principal;
        }

        @Override
        public boolean isAnonymous() {
            return false;
        }

        @Override
        public Set<String> getRoles() {
            return Set.of("clinician");
        }

        @Override
        public boolean hasRole(String role) {
            return "clinician".equals(role);
        }

        @Override
        public <T extends Credential> T getCredential(Class<T> credentialType) {
            return null;
        }

        @Override
        public Set<Credential> getCredentials() {
            return Set.of();
        }

        @Override
        public <T> T getAttribute(String name) {
            return null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Set<java.security.Permission> getPermissions() {
            return Set.of();
        }

        @Override
        public Uni<Boolean> checkPermission(java.security.Permission permission) {
            return Uni.createFrom().item(false);
        }
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
