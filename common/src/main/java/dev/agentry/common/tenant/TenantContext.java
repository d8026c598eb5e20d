package dev.agentry.common.tenant;

import dev.agentry.common.error.UnauthenticatedException;
import dev.agentry.common.id.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

/**
 * Who is calling, resolved once per request from the token (REST: {@link TenantContextFilter}).
 * Reading the tenant of an unauthenticated request fails closed with 401.
 */
@RequestScoped
public class TenantContext {

    private UUID tenantId;
    private String subject;
    private Set<String> roles = Set.of();

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String MDC_TENANT = "tenant_id";
    public static final String MDC_SUBJECT = "sub";

    /**
     * Takes the caller from a verified identity: REST's {@link TenantContextFilter} and gRPC's
     * calls (common-grpc) both come here, so both transports read the same claims. Anonymous
     * identities leave the context unresolved; a token without a valid {@code tenant_id} is a 401.
     */
    public void resolveFrom(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return;
        }
        Principal principal = identity.getPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            throw new UnauthenticatedException("Unsupported credential");
        }
        UUID tenant = parseTenant(jwt.getClaim(TENANT_CLAIM));
        resolve(tenant, jwt.getSubject(), identity.getRoles());
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
            return Ids.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("The token's tenant_id claim is not a UUID");
        }
    }

    void resolve(UUID tenantId, String subject, Set<String> roles) {
        this.tenantId = tenantId;
        this.subject = subject;
        this.roles = Set.copyOf(roles);
    }

    /** The caller's tenant; never null: an unresolved context is a 401, not a query without tenant. */
    public UUID tenantId() {
        if (tenantId == null) {
            throw new UnauthenticatedException("This request needs a bearer token with a tenant_id claim");
        }
        return tenantId;
    }

    public boolean isResolved() {
        return tenantId != null;
    }

    /** The token's subject, e.g. {@code user:<id>} or {@code api-key:<id>}. */
    public String subject() {
        return subject;
    }

    /** The caller's user id in config-service when the token is a user's; null for API keys and services. */
    public UUID userId() {
        return userIdOf(subject);
    }

    /** {@code user:<uuid>} subjects are users of config-service; API keys and others have no user id. */
    public static UUID userIdOf(String subject) {
        if (subject == null || !subject.startsWith("user:")) {
            return null;
        }
        try {
            return UUID.fromString(subject.substring("user:".length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return hasRole(Roles.PLATFORM_ADMIN);
    }
}
