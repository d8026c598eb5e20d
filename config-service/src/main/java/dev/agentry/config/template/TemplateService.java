package dev.agentry.config.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.agent.AgentService;
import dev.agentry.config.scenario.Scope;
import dev.agentry.config.scenario.ScopeChecker;
import dev.agentry.config.variable.Variable;
import dev.agentry.config.variable.VariableStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Templates of an agent: placeholders checked against the agent's variables, and rendering. */
@ApplicationScoped
public class TemplateService {

    /** Variables read per agent when checking or rendering (an agent has tens, not thousands). */
    static final int MAX_VARIABLES = 1_000;

    @Inject
    TenantTransactions tx;

    @Inject
    TemplateStore store;

    @Inject
    VariableStore variables;

    @Inject
    AgentService agents;

    @Inject
    ScopeChecker scopes;

    @Inject
    ObjectMapper json;

    @Inject
    TenantContext caller;

    public Uni<Template> create(UUID agentId, TemplateCreate create) {
        List<String> placeholders = TemplateText.placeholders(create.content());
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                .flatMap(v -> checkPlaceholders(conn, tenant, agentId, placeholders))
                .flatMap(v -> scopes.check(conn, tenant, agentId, create.scope(), create.scopeId(), create.scopeStepId()))
                .flatMap(scope -> store.insert(conn, tenant, Ids.newId(), agentId, create, placeholders, scope)));
    }

    public Uni<Template> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, false));
    }

    public Uni<Page<Template>> list(UUID agentId, TemplateMode mode, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                .flatMap(v -> store.list(conn, tenant, agentId, mode, page))).map(rows -> Page.of(rows, page, Template::id));
    }

    public Uni<Template> update(UUID id, TemplateUpdate update) {
        List<String> placeholders = update.content() == null ? null : TemplateText.placeholders(update.content());
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, true).flatMap(current -> {
            Scope scope = update.scope() == null ? current.scope() : update.scope();
            UUID scopeId = scope == Scope.GLOBAL ? null : update.scopeId() != null ? update.scopeId() : current.scopeId();
            String step = scope != Scope.STEP ? null : update.scopeStepId() != null ? update.scopeStepId() : current.scopeStepId();
            Uni<Void> checked = placeholders == null ? Uni.createFrom().voidItem()
                    : checkPlaceholders(conn, tenant, current.agentId(), placeholders);
            return checked.flatMap(v -> scopes.check(conn, tenant, current.agentId(), scope, scopeId, step))
                    .flatMap(target -> store.update(conn, tenant, id, update, placeholders, target));
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

    /** Fills the template: given values first, then the variables' defaults; the rest is reported missing. */
    public Uni<RenderResult> render(UUID id, RenderRequest request) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, false)
                .flatMap(t -> variables.all(conn, tenant, t.agentId(), MAX_VARIABLES).map(vars -> {
                    Map<String, Object> values = new HashMap<>();
                    for (Variable v : vars) {
                        if (v.defaultValue() != null) {
                            values.put(v.name(), v.defaultValue());
                        }
                    }
                    if (request.variables() != null) {
                        request.variables().forEach((k, v) -> {
                            if (v != null) {
                                values.put(k, v);
                            }
                        });
                    }
                    TemplateText.Rendered r = TemplateText.render(t.content(), values, json);
                    return new RenderResult(r.text(), r.missing(), r.missing().isEmpty());
                })));
    }

    private Uni<Void> checkPlaceholders(SqlConnection conn, UUID tenant, UUID agentId, List<String> placeholders) {
        if (placeholders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return variables.all(conn, tenant, agentId, MAX_VARIABLES).map(vars -> {
            Set<String> known = vars.stream().map(Variable::name).collect(Collectors.toSet());
            List<String> unknown = placeholders.stream().filter(p -> !known.contains(p)).toList();
            if (!unknown.isEmpty()) {
                throw new ValidationException("content", "names no variable of this agent: " + unknown);
            }
            return null;
        });
    }

    private Uni<Template> require(SqlConnection conn, UUID tenant, UUID id, boolean lock) {
        return store.find(conn, tenant, id, lock).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Template", id);
    }
}
