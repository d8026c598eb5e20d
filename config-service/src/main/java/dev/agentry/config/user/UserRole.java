package dev.agentry.config.user;

import dev.agentry.common.tenant.Roles;
import java.util.Set;

/** A user's role inside its tenant, and the token roles it signs in with. */
public enum UserRole {
    ADMIN(Roles.TENANT_ADMIN), USER(Roles.VIEWER), VIEWER(Roles.VIEWER), AGENT(Roles.AGENT_RUNTIME);

    private final String tokenRole;

    UserRole(String tokenRole) {
        this.tokenRole = tokenRole;
    }

    public Set<String> tokenRoles() {
        return Set.of(tokenRole);
    }
}
