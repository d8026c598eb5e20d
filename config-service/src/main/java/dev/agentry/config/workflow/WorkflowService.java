package dev.agentry.config.workflow;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.agent.AgentStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Workflows of the caller's tenant: a DAG of steps, each naming an agent of the same tenant. */
@ApplicationScoped
public class WorkflowService {

    @Inject
    TenantTransactions tx;

    @Inject
    WorkflowStore store;

    @Inject
    AgentStore agents;

    @Inject
    TenantContext caller;

    public Uni<Workflow> create(WorkflowCreate create) {
        List<UUID> agentIds = WorkflowGraph.validate(create.definition());
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> checkAgents(conn, tenant, create.definition(), agentIds)
                .flatMap(v -> store.insert(conn, tenant, Ids.newId(), create, agentIds)));
    }

    public Uni<Workflow> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id, false)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Workflow>> list(WorkflowStatus status, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, page)).map(rows -> Page.of(rows, page, Workflow::id));
    }

    public Uni<Workflow> update(UUID id, WorkflowUpdate update) {
        List<UUID> agentIds = update.definition() == null ? null : WorkflowGraph.validate(update.definition());
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id, true).flatMap(found -> {
            Workflow current = found.orElseThrow(() -> notFound(id));
            if (agentIds == null) {
                return store.update(conn, tenant, id, update, null, current.version());
            }
            boolean changed = !update.definition().equals(current.definition());
            return checkAgents(conn, tenant, update.definition(), agentIds)
                    .flatMap(v -> store.update(conn, tenant, id, update, agentIds, changed ? current.version() + 1 : current.version()));
        }));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    /** Every step's agent must be a visible agent of this tenant (another tenant's id is just unknown here). */
    private Uni<Void> checkAgents(SqlConnection conn, UUID tenant, WorkflowDefinition definition, List<UUID> agentIds) {
        return agents.existing(conn, tenant, agentIds).map(found -> {
            Set<UUID> known = new HashSet<>(found);
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < definition.steps().size(); i++) {
                if (!known.contains(definition.steps().get(i).agentId())) {
                    errors.add(new FieldError("definition.steps[" + i + "].agent_id", "no such agent in this tenant"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return null;
        });
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Workflow", id);
    }
}
