package dev.agentry.config.agenttool;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.agent.AgentService;
import dev.agentry.config.tool.ToolConfigService;
import dev.agentry.config.tool.ToolConfigStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Which tools an agent uses, in which order, with which overrides. */
@ApplicationScoped
public class AgentToolService {

    @Inject
    TenantTransactions tx;

    @Inject
    AgentToolStore store;

    @Inject
    ToolConfigStore tools;

    @Inject
    AgentService agents;

    @Inject
    TenantContext caller;

    public Uni<AgentTool> put(UUID agentId, UUID toolId, AgentToolPut put) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId).flatMap(v -> tools.find(conn, tenant, toolId)).flatMap(tool -> {
            if (tool.isEmpty()) {
                throw ToolConfigService.notFound(toolId);
            }
            return store.upsert(conn, tenant, agentId, toolId, put);
        }).flatMap(v -> store.find(conn, tenant, agentId, toolId)).map(Optional::orElseThrow));
    }

    public Uni<AgentTool> get(UUID agentId, UUID toolId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId).flatMap(v -> store.find(conn, tenant, agentId, toolId)))
                .map(found -> found.orElseThrow(() -> notLinked(agentId, toolId)));
    }

    public Uni<List<AgentTool>> top(UUID agentId, boolean activeOnly, Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) {
            throw new ValidationException("limit", "must be between 1 and 200");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId).flatMap(v -> store.top(conn, tenant, agentId, activeOnly, n)));
    }

    public Uni<Void> delete(UUID agentId, UUID toolId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId).flatMap(v -> store.find(conn, tenant, agentId, toolId))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        throw notLinked(agentId, toolId);
                    }
                    return store.delete(conn, tenant, agentId, toolId);
                })).replaceWithVoid();
    }

    private static NotFoundException notLinked(UUID agentId, UUID toolId) {
        return new NotFoundException("Tool " + toolId + " is not linked to agent " + agentId);
    }
}
