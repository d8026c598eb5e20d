package dev.agentry.config.variable;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.agent.AgentService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Variables of an agent, and their update policies applied on demand. */
@ApplicationScoped
public class VariableService {

    @Inject
    TenantTransactions tx;

    @Inject
    VariableStore store;

    @Inject
    AgentService agents;

    @Inject
    TenantContext caller;

    public Uni<Variable> create(UUID agentId, VariableCreate create) {
        UpdatePolicy policy = create.updatePolicy() == null ? UpdatePolicy.REPLACE : create.updatePolicy();
        checkDefault(policy, create.defaultValue());
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                .flatMap(v -> store.insert(conn, tenant, Ids.newId(), agentId, create)));
    }

    public Uni<Variable> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id, false)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Variable>> list(UUID agentId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId).flatMap(v -> store.list(conn, tenant, agentId, page)))
                .map(rows -> Page.of(rows, page, Variable::id));
    }

    public Uni<Variable> update(UUID id, VariableUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id, true).flatMap(found -> {
            Variable current = found.orElseThrow(() -> notFound(id));
            UpdatePolicy policy = update.updatePolicy() == null ? current.updatePolicy() : update.updatePolicy();
            checkDefault(policy, update.defaultValue() == null ? current.defaultValue() : update.defaultValue());
            return store.update(conn, tenant, id, update);
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

    public Uni<ApplyResult> apply(UUID id, ApplyRequest request) {
        return get(id).map(v -> new ApplyResult(v.updatePolicy(), VariablePolicies.apply(v.updatePolicy(), request.current(),
                request.value())));
    }

    private static void checkDefault(UpdatePolicy policy, Object value) {
        String problem = VariablePolicies.defaultProblem(policy, value);
        if (problem != null) {
            throw new ValidationException("default_value", problem);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Variable", id);
    }
}
