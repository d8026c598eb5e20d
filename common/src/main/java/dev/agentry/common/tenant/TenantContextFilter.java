package dev.agentry.common.tenant;

import dev.agentry.common.error.UnauthenticatedException;
import dev.agentry.common.http.FilterPriorities;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the caller's tenant once, before resource matching, and fails closed: a token that
 * verified but carries no valid {@code tenant_id} is refused here with 401, whatever the endpoint.
 * Anonymous requests pass through; endpoints that need a caller say so with {@code @RolesAllowed}.
 */
public class TenantContextFilter {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String MDC_TENANT = "tenant_id";
    public static final String MDC_SUBJECT = "sub";

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TenantContext context;

    @ServerRequestFilter(preMatching = true, priority = FilterPriorities.TENANT)
    public Uni<Void> resolveTenant() {
        return identities.getDeferredIdentity().invoke(this::resolve).replaceWithVoid();
    }

    private void resolve(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return;
        }
        Principal principal = identity.getPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            throw new UnauthenticatedException("Unsupported credential");
        }
        UUID tenant = parseTenant(jwt.getClaim(TENANT_CLAIM));
        context.resolve(tenant, jwt.getSubject(), identity.getRoles());
        MDC.put(MDC_TENANT, tenant.toString());
        if (jwt.getSubject() != null) {
            MDC.put(MDC_SUBJECT, jwt.getSubject());
        }
    }

    private static UUID parseTenant(Object claim) {
        String value = claim == null ? null : claim.toString().replace("\"", "");
        if (value == null || value.isBlank()) {
            throw new UnauthenticatedException("The token has no tenant_id claim");
        }
        try {
            UUID tenant = UUID.fromString(value);
            if (!tenant.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return tenant;
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("The token's tenant_id claim is not a UUID");
        }
    }
}
