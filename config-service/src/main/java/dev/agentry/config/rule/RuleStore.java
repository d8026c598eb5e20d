package dev.agentry.config.rule;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.vector.VectorCodec;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.scenario.Scope;
import dev.agentry.config.scenario.ScopeChecker.Target;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.rules}, including the vector match. */
@ApplicationScoped
public class RuleStore {

    private static final String COLUMNS = "r.id, r.agent_id, r.name, r.description, r.condition_text, r.embedding_model, "
            + "r.action_type, r.action_config, r.scope, r.scope_id, r.scope_step_id, r.priority, r.enabled, r.created_at, r.updated_at";

    /**
     * Rules a match may return: the agent's live, enabled rules embedded by the query's model,
     * GLOBAL ones always, SCENARIO ones of the active scenario, STEP ones of its active step.
     * ({@code $1} query vector, {@code $2} tenant, {@code $3} agent, {@code $4} model,
     * {@code $5} scenario, {@code $6} step.) The explicit tenant equality lets the planner use the
     * (tenant_id, agent_id) index; row-level security would filter the same rows anyway.
     */
    private static final String ELIGIBLE = "r.tenant_id = $2 AND r.agent_id = $3 AND r.deleted_at IS NULL AND r.enabled "
            + "AND r.embedding_model = $4 AND (r.scope = 'global' OR (r.scope = 'scenario' AND r.scope_id = $5) "
            + "OR (r.scope = 'step' AND r.scope_id = $5 AND r.scope_step_id = $6))";

    /** A rule with its similarity. */
    public record Scored(Rule rule, double score) {
    }

    public Uni<Rule> insert(SqlConnection conn, UUID tenantId, UUID id, UUID agentId, RuleCreate c, Target scope, float[] embedding,
            String model) {
        return conn.preparedQuery("WITH r AS (INSERT INTO rules (id, tenant_id, agent_id, name, description, condition_text, "
                + "condition_embedding, embedding_model, action_type, action_config, scope, scope_id, scope_step_id, priority, enabled) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7::vector, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *) SELECT "
                + COLUMNS + " FROM r")
                .execute(Tuple.from(new Object[] { id, tenantId, agentId, c.name().strip(), c.description(), c.conditionText(),
                        VectorCodec.toSql(embedding), model, c.actionType().strip(), jsonb(c.actionConfig()), wire(scope.scope()),
                        scope.scopeId(), scope.stepId(), c.priority() == null ? 0 : c.priority(), c.enabled() == null || c.enabled() }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> map(rows.iterator().next()));
    }

    /** The live rule, if its agent is visible. */
    public Uni<Optional<Rule>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM rules r WHERE r.tenant_id = $1 AND r.id = $2 AND r.deleted_at IS NULL "
                + "AND " + AgentStore.visibleAgent("r") + (lock ? " FOR UPDATE OF r" : ""))
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, RuleStore::map));
    }

    public Uni<List<Rule>> list(SqlConnection conn, UUID tenantId, UUID agentId, Scope scope, Boolean enabled, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM rules r WHERE r.tenant_id = $6 AND r.agent_id = $1 AND r.deleted_at IS NULL "
                + "AND ($2::varchar IS NULL OR r.scope = $2) AND ($3::boolean IS NULL OR r.enabled = $3) "
                + "AND ($4::uuid IS NULL OR r.id < $4) ORDER BY r.id DESC LIMIT $5")
                .execute(Tuple.of(agentId, wire(scope), enabled, page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, RuleStore::map));
    }

    /** Ids of the agent's live, enabled rules, highest priority first, bounded (runtime view). */
    public Uni<List<UUID>> enabledIds(SqlConnection conn, UUID tenantId, UUID agentId, int limit) {
        return conn.preparedQuery("SELECT r.id FROM rules r WHERE r.tenant_id = $1 AND r.agent_id = $2 AND r.deleted_at IS NULL "
                + "AND r.enabled ORDER BY r.priority DESC, r.id LIMIT $3").execute(Tuple.of(tenantId, agentId, limit))
                .map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /** Writes every field ({@code embedding} null keeps the stored vector). */
    public Uni<Rule> update(SqlConnection conn, UUID tenantId, UUID id, RuleUpdate u, Target scope, float[] embedding, String model) {
        return conn.preparedQuery("WITH r AS (UPDATE rules SET name = coalesce($2, name), description = coalesce($3, description), "
                + "condition_text = coalesce($4, condition_text), condition_embedding = coalesce($5::vector, condition_embedding), "
                + "embedding_model = coalesce($6, embedding_model), action_type = coalesce($7, action_type), "
                + "action_config = coalesce($8, action_config), scope = $9, scope_id = $10, scope_step_id = $11, "
                + "priority = coalesce($12, priority), enabled = coalesce($13, enabled), updated_at = now() WHERE tenant_id = $14 AND id = $1 RETURNING *) "
                + "SELECT " + COLUMNS + " FROM r")
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), u.description(), u.conditionText(),
                        embedding == null ? null : VectorCodec.toSql(embedding), embedding == null ? null : model,
                        u.actionType() == null ? null : u.actionType().strip(), u.actionConfig() == null ? null : jsonb(u.actionConfig()),
                        wire(scope.scope()), scope.scopeId(), scope.stepId(), u.priority(), u.enabled(), tenantId }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE rules r SET deleted_at = now(), updated_at = now() WHERE r.tenant_id = $1 AND r.id = $2 "
                + "AND r.deleted_at IS NULL AND " + AgentStore.visibleAgent("r")).execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** How many rules the agent has that a match could read, counted up to {@code limit + 1}. */
    public Uni<Long> countMatchable(SqlConnection conn, UUID tenantId, UUID agentId, int limit) {
        return conn.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM rules r WHERE r.tenant_id = $1 AND r.agent_id = $2 "
                + "AND r.deleted_at IS NULL AND r.enabled LIMIT $3) c").execute(Tuple.of(tenantId, agentId, limit + 1))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The {@code topK} eligible rules closest to {@code query}: by similarity, then priority
     * (higher first), then id. EXACT ranks every eligible row (the ORDER BY cannot use the HNSW
     * index); INDEX takes the nearest through the HNSW index (iterative scan, relaxed order) and
     * re-sorts those. Either way the ranking reads only id, priority and the distance, and the
     * {@code topK} winners' columns are joined afterwards by primary key: ranking whole rows made
     * PostgreSQL carry every eligible rule's texts and action through the sort (10,000 of them for
     * one top 10 at the benchmark's size).
     */
    public Uni<List<Scored>> match(SqlConnection conn, UUID tenantId, UUID agentId, float[] query, String model, UUID scenarioId,
            String stepId, int topK, SearchStrategy strategy) {
        String ranked = strategy == SearchStrategy.INDEX
                ? "WITH n AS MATERIALIZED (SELECT r.id, r.priority, r.condition_embedding <=> $1::vector AS distance FROM rules r "
                        + "WHERE " + ELIGIBLE + " ORDER BY r.condition_embedding <=> $1::vector LIMIT $7), "
                        + "top AS (SELECT id, priority, 1 - distance AS score FROM n ORDER BY distance, priority DESC, id LIMIT $7) "
                : "WITH top AS MATERIALIZED (SELECT r.id, r.priority, 1 - (r.condition_embedding <=> $1::vector) AS score FROM rules r "
                        + "WHERE " + ELIGIBLE + " ORDER BY score DESC, r.priority DESC, r.id LIMIT $7) ";
        String sql = ranked + "SELECT " + COLUMNS + ", top.score FROM top JOIN rules r ON r.id = top.id AND r.tenant_id = $2 "
                + "ORDER BY top.score DESC, top.priority DESC, top.id";
        return conn.preparedQuery(sql)
                .execute(Tuple.from(new Object[] { VectorCodec.toSql(query), tenantId, agentId, model, scenarioId, stepId, topK }))
                .map(rows -> Rows.list(rows, r -> new Scored(map(r), r.getDouble("score"))));
    }

    static Rule map(Row row) {
        return new Rule(row.getUUID("id"), row.getUUID("agent_id"), row.getString("name"), row.getString("description"),
                row.getString("condition_text"), row.getString("embedding_model"), row.getString("action_type"),
                object(row, "action_config"), enumValue(row, "scope", Scope.class), row.getUUID("scope_id"),
                row.getString("scope_step_id"), row.getInteger("priority"), row.getBoolean("enabled"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
