package dev.agentry.config.scenario;

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
import dev.agentry.config.support.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Scenarios (journeys) and their versions. A change to the steps archives the current version in
 * {@code scenario_archives} and makes the next one, in one transaction holding the scenario's row
 * lock, so two concurrent edits make two versions, never one lost. Entry conditions are embedded
 * before the transaction starts.
 */
@ApplicationScoped
public class ScenarioService {

    /** Field names of a scenario's entry condition (create, update). */
    static final QueryVectors.Fields ENTRY = new QueryVectors.Fields("entry_condition", "entry_embedding", "embedding_model");
    /** Field names of a match body. */
    static final QueryVectors.Fields MATCH = new QueryVectors.Fields("message", "embedding", "embedding_model");

    @Inject
    TenantTransactions tx;

    @Inject
    ScenarioStore store;

    @Inject
    AgentService agents;

    @Inject
    QueryVectors vectors;

    @Inject
    JsonColumns json;

    @Inject
    ConfigServiceConfig config;

    @Inject
    TenantContext caller;

    public Uni<Scenario> create(UUID agentId, ScenarioCreate create) {
        String entry = StepGraph.validate(create.steps());
        UUID tenant = caller.tenantId();
        return entryVector(create.entryCondition(), create.entryEmbedding(), create.embeddingModel())
                .flatMap(vector -> tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                        .flatMap(v -> store.insert(conn, tenant, Ids.newId(), agentId, create, entry, vector, vectors.model()))));
    }

    public Uni<Scenario> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, false));
    }

    public Uni<Page<Scenario>> list(UUID agentId, Boolean enabled, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                .flatMap(v -> store.list(conn, tenant, agentId, enabled, page))).map(rows -> Page.of(rows, page, Scenario::id));
    }

    public Uni<Scenario> update(UUID id, ScenarioUpdate update) {
        String entry = update.steps() == null ? null : StepGraph.validate(update.steps());
        if (update.entryEmbedding() != null && update.entryCondition() == null) {
            throw new ValidationException("entry_condition", "is required with entry_embedding");
        }
        UUID tenant = caller.tenantId();
        Uni<float[]> vector = update.entryCondition() == null ? Uni.createFrom().nullItem()
                : entryVector(update.entryCondition(), update.entryEmbedding(), update.embeddingModel());
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> require(conn, tenant, id, true).flatMap(current -> {
            boolean newVersion = update.steps() != null && !update.steps().equals(current.steps());
            if (!newVersion) {
                return store.update(conn, tenant, id, update, null, null, current.version(), v, vectors.model());
            }
            return store.archive(conn, tenant, current).flatMap(a -> store.update(conn, tenant, id, update, update.steps(), entry,
                    current.version() + 1, v, vectors.model()));
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

    /** Any version of the scenario: the current one, or an archived one read back. */
    public Uni<ScenarioVersion> version(UUID id, int version) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> version(conn, tenant, id, version));
    }

    public Uni<ScenarioVersion> version(SqlConnection conn, UUID tenant, UUID id, int version) {
        return require(conn, tenant, id, false).flatMap(current -> {
            if (version == current.version()) {
                return Uni.createFrom().item(new ScenarioVersion(version, true, null, current));
            }
            return store.archived(conn, tenant, id, version).map(found -> found
                    .map(a -> new ScenarioVersion(version, false, a.archivedAt(), json.convert(a.data(), Scenario.class)))
                    .orElseThrow(() -> new NotFoundException("Scenario " + id + " has no version " + version)));
        });
    }

    /** The current version and the archived ones before {@code before}, newest first, without their data. */
    public Uni<List<ScenarioVersion>> versions(UUID id, Integer before, int limit) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, false).flatMap(current -> {
            int upper = before == null ? current.version() + 1 : before;
            List<ScenarioVersion> out = new ArrayList<>();
            if (current.version() < upper) {
                out.add(new ScenarioVersion(current.version(), true, null, null));
            }
            return store.archivedVersions(conn, tenant, id, Math.min(upper, current.version()), limit - out.size()).map(archived -> {
                archived.forEach(a -> out.add(new ScenarioVersion(a.version(), false, a.archivedAt(), null)));
                return out;
            });
        }));
    }

    /**
     * The {@code top_k} scenarios whose entry condition is closest to the message; searched like
     * rules (exactly up to {@code agentry.config.matching.exact-max-rows} candidates, through the
     * HNSW index above, unless the caller forces a strategy). The answer says which strategy ran.
     */
    public Uni<ScenarioMatches> match(UUID agentId, ScenarioMatchRequest request) {
        UUID tenant = caller.tenantId();
        int topK = request.topK() == null ? config.matching().defaultTopK() : request.topK();
        int exactMax = config.matching().exactMaxRows();
        return vectors.of(request.message(), request.embedding(), request.embeddingModel(), MATCH)
                .flatMap(query -> tx.inTenant(tenant, conn -> agents.requireVisible(conn, tenant, agentId)
                        .flatMap(v -> request.strategy() == null || request.strategy() == SearchStrategy.AUTO
                                ? store.countMatchable(conn, tenant, agentId, vectors.model(), exactMax)
                                : Uni.createFrom().item(0L))
                        .flatMap(count -> {
                            SearchStrategy strategy = SearchStrategy.choose(request.strategy(), count, exactMax, false);
                            Uni<Void> prepare = strategy == SearchStrategy.INDEX
                                    ? IndexSearchSettings.preferIndex(conn, Math.max(config.matching().efSearch(), topK))
                                    : Uni.createFrom().voidItem();
                            return prepare.flatMap(p -> store.match(conn, tenant, agentId, query, vectors.model(), topK, strategy))
                                    .map(scored -> new ScenarioMatches(scored.stream().map(s -> new ScenarioMatch(s.scenario().id(),
                                            s.scenario().name(), s.scenario().version(), s.scenario().entryStepId(),
                                            s.scenario().entryCondition(), s.score())).toList(), strategy, vectors.model()));
                        })));
    }

    /** The live scenario or 404 (also when its agent is gone or hidden). */
    public Uni<Scenario> require(SqlConnection conn, UUID tenant, UUID id, boolean lock) {
        return store.find(conn, tenant, id, lock).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Optional<Scenario>> find(SqlConnection conn, UUID tenant, UUID id) {
        return store.find(conn, tenant, id, false);
    }

    public static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Scenario", id);
    }

    private Uni<float[]> entryVector(String condition, float[] supplied, String model) {
        if (condition == null) {
            if (supplied != null) {
                throw new ValidationException("entry_condition", "is required with entry_embedding");
            }
            return Uni.createFrom().nullItem();
        }
        return vectors.of(condition, supplied, model, ENTRY);
    }
}
