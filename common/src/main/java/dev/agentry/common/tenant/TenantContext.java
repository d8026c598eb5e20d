package dev.agentry.common.tenant;

import dev.agentry.common.error.UnauthenticatedException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, resolved once per request from the token by {@link TenantContextFilter}.
 * Reading the tenant of an unauthenticated request fails closed with 401.
 */
@RequestScoped
public class TenantContext {

    private UUID tenantId;
    private String subject;
    private Set<String> roles = Set.of();

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
