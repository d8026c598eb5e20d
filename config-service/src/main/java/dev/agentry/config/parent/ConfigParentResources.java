package dev.agentry.config.parent;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.parent.ParentResources;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.scenario.ScenarioStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parents config-service writes under: an agent's rules, scenarios, templates, variables and
 * tools ({@code agentId}), a scenario's migration plans ({@code scenarioId}). common's
 * ParentFirstFilter answers 404 for one the caller cannot see before the body is read.
 */
@ApplicationScoped
public class ConfigParentResources implements ParentResources {

    private static final Map<String, String> PARAMETERS = Map.of("agentId", "agent", "scenarioId", "scenario");

    @Inject
    TenantTransactions tx;

    @Inject
    TenantContext caller;

    @Inject
    AgentStore agents;

    @Inject
    ScenarioStore scenarios;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Uni<Boolean> visible(String parameter, UUID id) {
        UUID tenant = caller.tenantId();
        return switch (parameter) {
            case "agentId" -> tx.inTenant(tenant, conn -> agents.exists(conn, tenant, id, false));
            case "scenarioId" -> tx.inTenant(tenant, conn -> scenarios.find(conn, tenant, id, false).map(Optional::isPresent));
            default -> Uni.createFrom().item(true);
        };
    }
}
