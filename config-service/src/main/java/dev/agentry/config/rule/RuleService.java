package dev.agentry.config.rule;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.QueryVectors;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import dev.agentry.config.agent.AgentService;
import dev.agentry.config.scenario.Scope;
import dev.agentry.config.scenario.ScopeChecker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Rules (guidelines) of an agent, and matching a message against them. Conditions are embedded
 * before the transaction opens (the model runs off the event loop and holds no connection).
 */
@ApplicationScoped
public class RuleService {

    /** Field names of a rule's condition (create, update). */
    static final QueryVectors.Fields CONDITION = new QueryVectors.Fields("condition_text", "condition_embedding", "embedding_model");
    /** Field names of a match body. */
    static final QueryVectors.Fields MATCH = new QueryVectors.Fields("message", "embedding", "embedding_model");

    @Inject
    TenantTransactions tx;

    @Inject
    RuleStore store;

    @Inject
    AgentService agents;

    @Inject
    ScopeChecker scopes;

    @Inject
    QueryVectors vectors;

    @Inject
    ConfigServiceConfig config;

    @Inject
    TenantContext caller;

    public Uni<Rule> create(UUID agentId, RuleCreate create) {
        UUID tenant = caller.tenantId();
        return vectors.of(create.conditionText(), create.conditionEmbedding(), create.embeddingModel(), CONDITION)
                .flatMap(vector -> tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                        .flatMap(v -> scopes.check(conn, tenant, agentId, create.scope(), create.scopeId(), create.scopeStepId()))
                        .flatMap(scope -> store.insert(conn, tenant, Ids.newId(), agentId, create, scope, vector, vectors.model()))));
    }

    public Uni<Rule> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id, false)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Rule>> list(UUID agentId, Scope scope, Boolean enabled, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                .flatMap(v -> store.list(conn, tenant, agentId, scope, enabled, page))).map(rows -> Page.of(rows, page, Rule::id));
    }

    public Uni<Rule> update(UUID id, RuleUpdate update) {
        if (update.conditionEmbedding() != null && update.conditionText() == null) {
            throw new ValidationException("condition_text", "is required with condition_embedding");
        }
        Uni<float[]> vector = update.conditionText() == null ? Uni.createFrom().nullItem()
                : vectors.of(update.conditionText(), update.conditionEmbedding(), update.embeddingModel(), CONDITION);
        UUID tenant = caller.tenantId();
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> store.find(conn, tenant, id, true).flatMap(found -> {
            Rule current = found.orElseThrow(() -> notFound(id));
            Scope scope = update.scope() == null ? current.scope() : update.scope();
            UUID scopeId = scope == Scope.GLOBAL ? null : update.scopeId() != null ? update.scopeId() : current.scopeId();
            String step = scope != Scope.STEP ? null : update.scopeStepId() != null ? update.scopeStepId() : current.scopeStepId();
            return scopes.check(conn, tenant, current.agentId(), scope, scopeId, step)
                    .flatMap(target -> store.update(conn, tenant, id, update, target, v, vectors.model()));
        })));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    /**
     * The {@code top_k} rules closest to the message among those eligible where the conversation
     * is. Small agents are searched exactly; past {@code agentry.config.matching.exact-max-rows}
     * eligible rows, through the HNSW index.
     */
    public Uni<RuleMatches> match(UUID agentId, RuleMatchRequest request) {
        if (request.stepId() != null && request.scenarioId() == null) {
            throw new ValidationException("scenario_id", "is required with step_id");
        }
        UUID tenant = caller.tenantId();
        int topK = request.topK() == null ? config.matching().defaultTopK() : request.topK();
        int exactMax = config.matching().exactMaxRows();
        return vectors.of(request.message(), request.embedding(), request.embeddingModel(), MATCH)
                .flatMap(query -> tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                        .flatMap(v -> request.strategy() == null || request.strategy() == SearchStrategy.AUTO
                                ? store.countMatchable(conn, tenant, agentId, exactMax)
                                : Uni.createFrom().item(0L))
                        .flatMap(count -> {
                            SearchStrategy strategy = SearchStrategy.choose(request.strategy(), count, exactMax, false);
                            Uni<Void> prepare = strategy == SearchStrategy.INDEX
                                    ? IndexSearchSettings.preferIndex(conn, Math.max(config.matching().efSearch(), topK))
                                    : Uni.createFrom().voidItem();
                            return prepare.flatMap(p -> store.match(conn, tenant, agentId, query, vectors.model(),
                                    request.scenarioId(), request.stepId(), topK, strategy))
                                    .map(scored -> new RuleMatches(scored.stream().map(s -> new RuleMatch(s.rule(), s.score())).toList(),
                                            strategy, vectors.model()));
                        })));
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Rule", id);
    }
}
