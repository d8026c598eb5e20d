package dev.agentry.config.permission;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.outputformat.OutputFormatStore;
import dev.agentry.config.tenant.TenantStore;
import dev.agentry.config.tool.ToolConfigStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The platform's per-tenant switches for agents and tools. Every call runs as the platform with
 * the target tenant bound ({@code asPlatformInTenant}): the RLS policies let only such a
 * transaction write these tables, so no tenant can lift its own restriction.
 */
@ApplicationScoped
public class PermissionService {

    @Inject
    TenantTransactions tx;

    @Inject
    PermissionStore store;

    @Inject
    TenantStore tenants;

    @Inject
    AgentStore agents;

    @Inject
    ToolConfigStore tools;

    @Inject
    OutputFormatStore formats;

    public Uni<AgentPermission> putAgent(UUID tenantId, UUID agentId, AgentPermissionPut put) {
        return inTenant(tenantId, conn -> agents.existsAny(conn, tenantId, agentId).flatMap(found -> {
            if (!found) {
                throw NotFoundException.of("Agent", agentId);
            }
            return put.outputOverrideId() == null ? Uni.createFrom().item(true) : formats.exists(conn, tenantId, put.outputOverrideId());
        }).flatMap(formatFound -> {
            if (!formatFound) {
                throw new ValidationException("output_override_id", "no such output format in this tenant");
            }
            return store.putAgent(conn, tenantId, agentId, put);
        }));
    }

    public Uni<Void> deleteAgent(UUID tenantId, UUID agentId) {
        return inTenant(tenantId, conn -> store.deleteAgent(conn, tenantId, agentId)).invoke(deleted -> {
            if (!deleted) {
                throw new NotFoundException("No permission for agent " + agentId + " in tenant " + tenantId);
            }
        }).replaceWithVoid();
    }

    public Uni<List<AgentPermission>> agents(UUID tenantId) {
        return inTenant(tenantId, conn -> store.agents(conn, tenantId));
    }

    public Uni<ToolPermission> putTool(UUID tenantId, UUID toolId, ToolPermissionPut put) {
        return inTenant(tenantId, conn -> tools.existsAny(conn, tenantId, toolId).flatMap(found -> {
            if (!found) {
                throw NotFoundException.of("Tool config", toolId);
            }
            return store.putTool(conn, tenantId, toolId, put);
        }));
    }

    public Uni<Void> deleteTool(UUID tenantId, UUID toolId) {
        return inTenant(tenantId, conn -> store.deleteTool(conn, tenantId, toolId)).invoke(deleted -> {
            if (!deleted) {
                throw new NotFoundException("No permission for tool " + toolId + " in tenant " + tenantId);
            }
        }).replaceWithVoid();
    }

    public Uni<List<ToolPermission>> tools(UUID tenantId) {
        return inTenant(tenantId, conn -> store.tools(conn, tenantId));
    }

    private <T> Uni<T> inTenant(UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        return tx.asPlatformInTenant(tenantId, conn -> tenants.find(conn, tenantId).flatMap(found -> {
            if (found.isEmpty() || found.get().deletedAt() != null) {
                throw NotFoundException.of("Tenant", tenantId);
            }
            return work.apply(conn);
        }));
    }
}
