package dev.agentry.config.agent;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.limits.PlanLimitException;
import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.llm.LlmModelStore;
import dev.agentry.config.outputformat.OutputFormatStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Agents of the caller's tenant. */
@ApplicationScoped
public class AgentService {

    @Inject
    TenantTransactions tx;

    @Inject
    AgentStore store;

    @Inject
    LlmModelStore llmModels;

    @Inject
    OutputFormatStore outputFormats;

    @Inject
    TenantContext caller;

    /** 403 plan-limit when the tenant already has its plan's {@code max_agents} live agents. */
    public Uni<Agent> create(AgentCreate create) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.lockQuota(conn, tenant)
                .flatMap(v -> store.quota(conn, tenant))
                .invoke(quota -> {
                    if (quota.full()) {
                        throw new PlanLimitException(PlanLimitNames.MAX_AGENTS, quota.limit());
                    }
                })
                .flatMap(q -> checkReferences(conn, tenant, create.llmModelId(), create.defaultOutputFormatId()))
                .flatMap(v -> store.insert(conn, tenant, Ids.newId(), create)));
    }

    public Uni<Agent> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Agent>> list(AgentStatus status, Boolean enabled, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, enabled, page)).map(rows -> Page.of(rows, page, Agent::id));
    }

    public Uni<Agent> update(UUID id, AgentUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> checkReferences(conn, tenant, update.llmModelId(), update.defaultOutputFormatId())
                .flatMap(v -> store.update(conn, tenant, id, update))).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    /** 404 unless the tenant may see the agent; for the services of an agent's children. */
    public Uni<Void> requireVisible(SqlConnection conn, UUID tenantId, UUID agentId) {
        return store.exists(conn, tenantId, agentId, true).invoke(found -> {
            if (!found) {
                throw notFound(agentId);
            }
        }).replaceWithVoid();
    }

    public static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Agent", id);
    }

    private Uni<Void> checkReferences(SqlConnection conn, UUID tenantId, UUID llmModelId, UUID outputFormatId) {
        Uni<Boolean> model = llmModelId == null ? Uni.createFrom().item(true) : llmModels.exists(conn, llmModelId);
        Uni<Boolean> format = outputFormatId == null ? Uni.createFrom().item(true) : outputFormats.exists(conn, tenantId, outputFormatId);
        return model.flatMap(m -> format.map(f -> {
            List<FieldError> errors = new ArrayList<>();
            if (!m) {
                errors.add(new FieldError("llm_model_id", "no such LLM model"));
            }
            if (!f) {
                errors.add(new FieldError("default_output_format_id", "no such output format in this tenant"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return null;
        }));
    }
}
