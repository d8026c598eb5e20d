package dev.agentry.common.tenant;

import dev.agentry.common.http.FilterPriorities;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the caller's tenant once, before resource matching ({@link TenantContext#resolveFrom}),
 * and fails closed: a token that verified but carries no valid {@code tenant_id} is refused here
 * with 401, whatever the endpoint. Anonymous requests pass through; endpoints that need a caller
 * say so with {@code @RolesAllowed}.
 */
public class TenantContextFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TenantContext context;

    @ServerRequestFilter(preMatching = true, priority = FilterPriorities.TENANT)
    public Uni<Void> resolveTenant() {
        return identities.getDeferredIdentity().invoke(this::resolve).replaceWithVoid();
    }

    private void resolve(SecurityIdentity identity) {
        context.resolveFrom(identity);
    }
}
