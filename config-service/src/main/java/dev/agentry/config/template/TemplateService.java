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
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, agentId)
                .flatMap(v -> checkPlaceholders(conn, agentId, placeholders))
                .flatMap(v -> scopes.check(conn, agentId, create.scope(), create.scopeId(), create.scopeStepId()))
                .flatMap(scope -> store.insert(conn, tenant, Ids.newId(), agentId, create, placeholders, scope)));
    }

    public Uni<Template> get(UUID id) {
        return tx.inTenant(caller.tenantId(), conn -> require(conn, id, false));
    }

    public Uni<Page<Template>> list(UUID agentId, TemplateMode mode, PageRequest page) {
        return tx.inTenant(caller.tenantId(), conn -> agents.requireVisible(conn, agentId)
                .flatMap(v -> store.list(conn, agentId, mode, page))).map(rows -> Page.of(rows, page, Template::id));
    }

    public Uni<Template> update(UUID id, TemplateUpdate update) {
        List<String> placeholders = update.content() == null ? null : TemplateText.placeholders(update.content());
        return tx.inTenant(caller.tenantId(), conn -> require(conn, id, true).flatMap(current -> {
            Scope scope = update.scope() == null ? current.scope() : update.scope();
            UUID scopeId = scope == Scope.GLOBAL ? null : update.scopeId() != null ? update.scopeId() : current.scopeId();
            String step = scope != Scope.STEP ? null : update.scopeStepId() != null ? update.scopeStepId() : current.scopeStepId();
            Uni<Void> checked = placeholders == null ? Uni.createFrom().voidItem()
                    : checkPlaceholders(conn, current.agentId(), placeholders);
            return checked.flatMap(v -> scopes.check(conn, current.agentId(), scope, scopeId, step))
                    .flatMap(target -> store.update(conn, id, update, placeholders, target));
        }));
    }

    public Uni<Void> delete(UUID id) {
        return tx.inTenant(caller.tenantId(), conn -> store.softDelete(conn, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    /** Fills the template: given values first, then the variables' defaults; the rest is reported missing. */
    public Uni<RenderResult> render(UUID id, RenderRequest request) {
        return tx.inTenant(caller.tenantId(), conn -> require(conn, id, false)
                .flatMap(t -> variables.all(conn, t.agentId(), MAX_VARIABLES).map(vars -> {
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

    private Uni<Void> checkPlaceholders(SqlConnection conn, UUID agentId, List<String> placeholders) {
        if (placeholders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return variables.all(conn, agentId, MAX_VARIABLES).map(vars -> {
            Set<String> known = vars.stream().map(Variable::name).collect(Collectors.toSet());
            List<String> unknown = placeholders.stream().filter(p -> !known.contains(p)).toList();
            if (!unknown.isEmpty()) {
                throw new ValidationException("content", "names no variable of this agent: " + unknown);
            }
            return null;
        });
    }

    private Uni<Template> require(SqlConnection conn, UUID id, boolean lock) {
        return store.find(conn, id, lock).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Template", id);
    }
}
