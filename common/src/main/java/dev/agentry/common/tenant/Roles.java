package dev.agentry.common.tenant;

import java.util.Map;
import java.util.Set;

/**
 * The roles a token may carry in its {@code groups} claim. Roles are hierarchical (see
 * {@link #IMPLIED}), so an endpoint names the least role it needs: {@code @RolesAllowed(Roles.VIEWER)}
 * for reads, {@code @RolesAllowed(Roles.TENANT_ADMIN)} for writes.
 */
public final class Roles {

    /** Creates, suspends and deletes tenants: the only role that reaches across tenants. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Manages everything inside one tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** The conversation runtime's service identity: reads configuration, writes runtime data. */
    public static final String AGENT_RUNTIME = "agent-runtime";
    /** Reads everything of a tenant including its audit trail; changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Reads a tenant's configuration. */
    public static final String VIEWER = "viewer";

    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, TENANT_ADMIN, AGENT_RUNTIME, AUDITOR, VIEWER);

    /** What each role implies besides itself; applied once, when the identity is built. */
    static final Map<String, Set<String>> IMPLIED = Map.of(
            PLATFORM_ADMIN, Set.of(TENANT_ADMIN, AUDITOR, VIEWER),
            TENANT_ADMIN, Set.of(VIEWER),
            AUDITOR, Set.of(VIEWER),
            AGENT_RUNTIME, Set.of(VIEWER));

    private Roles() {
    }
}
