package dev.agentry.config.scenario;

import static dev.agentry.common.db.Rows.instant;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.vector.VectorCodec;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.support.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.scenarios} and {@code config.scenario_archives}. */
@ApplicationScoped
public class ScenarioStore {

    private static final String COLUMNS = "s.id, s.agent_id, s.name, s.description, s.version, s.entry_condition, "
            + "s.embedding_model, s.steps, s.entry_step_id, s.enabled, s.created_at, s.updated_at";
    private static final TypeReference<List<ScenarioStep>> STEPS = new TypeReference<>() {
    };

    @Inject
    JsonColumns json;

    /** A scenario with its match score. */
    public record Scored(Scenario scenario, double score) {
    }

    /** An archived version as stored. */
    public record Archived(int version, Map<String, Object> data, Instant archivedAt) {
    }

    public Uni<Scenario> insert(SqlConnection conn, UUID tenantId, UUID id, UUID agentId, ScenarioCreate c, String entryStepId,
            float[] embedding, String model) {
        return conn.preparedQuery("WITH s AS (INSERT INTO scenarios (id, tenant_id, agent_id, name, description, version, "
                + "entry_condition, entry_embedding, embedding_model, steps, entry_step_id, enabled) "
                + "VALUES ($1, $2, $3, $4, $5, 1, $6, $7::vector, $8, $9::text::jsonb, $10, $11) RETURNING *) SELECT " + COLUMNS + " FROM s")
                .execute(Tuple.from(new Object[] { id, tenantId, agentId, c.name().strip(), c.description(), c.entryCondition(),
                        embedding == null ? null : VectorCodec.toSql(embedding), embedding == null ? null : model,
                        json.text(c.steps()), entryStepId, c.enabled() == null || c.enabled() }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> map(rows.iterator().next()));
    }

    /** The live scenario, if its agent is visible; {@code lock} takes a row lock for a versioning update. */
    public Uni<Optional<Scenario>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM scenarios s WHERE s.tenant_id = $1 AND s.id = $2 AND s.deleted_at IS NULL "
                + "AND " + AgentStore.visibleAgent("s") + (lock ? " FOR UPDATE OF s" : ""))
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<Scenario>> list(SqlConnection conn, UUID tenantId, UUID agentId, Boolean enabled, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM scenarios s WHERE s.tenant_id = $5 AND s.agent_id = $1 AND s.deleted_at IS NULL "
                + "AND ($2::boolean IS NULL OR s.enabled = $2) AND ($3::uuid IS NULL OR s.id < $3) ORDER BY s.id DESC LIMIT $4")
                .execute(Tuple.of(agentId, enabled, page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, this::map));
    }

    /** The live, enabled scenarios of an agent (for the runtime view), bounded. */
    public Uni<List<Scenario>> enabled(SqlConnection conn, UUID tenantId, UUID agentId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM scenarios s WHERE s.tenant_id = $1 AND s.agent_id = $2 AND s.deleted_at IS NULL "
                + "AND s.enabled ORDER BY s.id DESC LIMIT $3").execute(Tuple.of(tenantId, agentId, limit)).map(rows -> Rows.list(rows, this::map));
    }

    /**
     * Writes the new state. {@code steps}/{@code entryStepId} null keep the steps; {@code version}
     * is the version the row gets; {@code embedding} null keeps the stored entry embedding.
     */
    public Uni<Scenario> update(SqlConnection conn, UUID tenantId, UUID id, ScenarioUpdate u, List<ScenarioStep> steps, String entryStepId,
            int version, float[] embedding, String model) {
        return conn.preparedQuery("WITH s AS (UPDATE scenarios SET name = coalesce($2, name), description = coalesce($3, description), "
                + "entry_condition = coalesce($4, entry_condition), entry_embedding = coalesce($5::vector, entry_embedding), "
                + "embedding_model = coalesce($6, embedding_model), steps = coalesce($7::text::jsonb, steps), "
                + "entry_step_id = coalesce($8, entry_step_id), version = $9, enabled = coalesce($10, enabled), updated_at = now() "
                + "WHERE tenant_id = $11 AND id = $1 RETURNING *) SELECT " + COLUMNS + " FROM s")
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), u.description(), u.entryCondition(),
                        embedding == null ? null : VectorCodec.toSql(embedding), embedding == null ? null : model,
                        steps == null ? null : json.text(steps), entryStepId, version, u.enabled(), tenantId }))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Void> archive(SqlConnection conn, UUID tenantId, Scenario scenario) {
        return conn.preparedQuery("INSERT INTO scenario_archives (tenant_id, scenario_id, version, scenario_data) "
                + "VALUES ($1, $2, $3, $4::text::jsonb)")
                .execute(Tuple.of(tenantId, scenario.id(), scenario.version(), json.text(scenario))).replaceWithVoid();
    }

    public Uni<Optional<Archived>> archived(SqlConnection conn, UUID tenantId, UUID scenarioId, int version) {
        return conn.preparedQuery("SELECT version, scenario_data, archived_at FROM scenario_archives WHERE tenant_id = $1 "
                + "AND scenario_id = $2 AND version = $3").execute(Tuple.of(tenantId, scenarioId, version))
                .map(rows -> Rows.first(rows, r -> new Archived(r.getInteger("version"), Rows.object(r, "scenario_data"),
                        instant(r, "archived_at"))));
    }

    /** Archived versions below {@code before}, newest first, without their data. */
    public Uni<List<Archived>> archivedVersions(SqlConnection conn, UUID tenantId, UUID scenarioId, int before, int limit) {
        return conn.preparedQuery("SELECT version, archived_at FROM scenario_archives WHERE tenant_id = $1 AND scenario_id = $2 "
                + "AND version < $3 ORDER BY version DESC LIMIT $4").execute(Tuple.of(tenantId, scenarioId, before, limit))
                .map(rows -> Rows.list(rows, r -> new Archived(r.getInteger("version"), null, instant(r, "archived_at"))));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE scenarios s SET deleted_at = now(), updated_at = now() WHERE s.tenant_id = $1 AND s.id = $2 "
                + "AND s.deleted_at IS NULL AND " + AgentStore.visibleAgent("s")).execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Live, enabled scenarios of the agent with an entry embedding of {@code model}, at most {@code limit + 1}. */
    public Uni<Long> countMatchable(SqlConnection conn, UUID tenantId, UUID agentId, String model, int limit) {
        return conn.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM scenarios s WHERE s.tenant_id = $1 AND s.agent_id = $2 "
                + "AND s.deleted_at IS NULL AND s.enabled AND s.entry_embedding IS NOT NULL AND s.embedding_model = $3 LIMIT $4) c")
                .execute(Tuple.of(tenantId, agentId, model, limit + 1)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Scored>> match(SqlConnection conn, UUID tenantId, UUID agentId, float[] query, String model, int topK,
            SearchStrategy strategy) {
        String filter = "s.tenant_id = $2 AND s.agent_id = $3 AND s.entry_embedding IS NOT NULL AND s.deleted_at IS NULL "
                + "AND s.enabled AND s.embedding_model = $4";
        String sql = strategy == SearchStrategy.INDEX
                ? "WITH c AS MATERIALIZED (SELECT " + COLUMNS + ", s.entry_embedding <=> $1::vector AS distance FROM scenarios s "
                        + "WHERE " + filter + " ORDER BY s.entry_embedding <=> $1::vector LIMIT $5) "
                        + "SELECT *, 1 - distance AS score FROM c ORDER BY distance, id LIMIT $5"
                : "SELECT " + COLUMNS + ", 1 - (s.entry_embedding <=> $1::vector) AS score FROM scenarios s WHERE " + filter
                        + " ORDER BY score DESC, s.id LIMIT $5";
        return conn.preparedQuery(sql).execute(Tuple.of(VectorCodec.toSql(query), tenantId, agentId, model, topK))
                .map(rows -> Rows.list(rows, r -> new Scored(map(r), r.getDouble("score"))));
    }

    Scenario map(Row row) {
        return new Scenario(row.getUUID("id"), row.getUUID("agent_id"), row.getString("name"), row.getString("description"),
                row.getInteger("version"), row.getString("entry_condition"), row.getString("embedding_model"),
                json.read(row, "steps", STEPS), row.getString("entry_step_id"), row.getBoolean("enabled"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
