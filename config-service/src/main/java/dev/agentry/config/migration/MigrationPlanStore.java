package dev.agentry.config.migration;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.support.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.migration_plans}. */
@ApplicationScoped
public class MigrationPlanStore {

    private static final String COLUMNS = "m.id, m.scenario_id, m.from_version, m.to_version, m.status, m.transformation_map, "
            + "m.anchor_policies, m.scope_filter, m.created_by, m.approved_by, m.deployed_by, m.rejected_by, m.created_at, "
            + "m.updated_at, m.approved_at, m.deployed_at, m.rejected_at";
    /** The plan's scenario is live and its agent visible. */
    private static final String VISIBLE = "EXISTS (SELECT 1 FROM scenarios s WHERE s.tenant_id = m.tenant_id AND s.id = m.scenario_id "
            + "AND s.deleted_at IS NULL AND " + AgentStore.visibleAgent("s") + ")";
    private static final Map<String, String> UNIQUE = Map.of("uq_migration_plans_deployed", "from_version");
    private static final TypeReference<Map<String, StepMapping>> MAP = new TypeReference<>() {
    };

    @Inject
    JsonColumns json;

    public Uni<MigrationPlan> insert(SqlConnection conn, UUID tenantId, UUID id, UUID scenarioId, int from, int to,
            Map<String, StepMapping> map, AnchorPolicies anchors, ScopeFilter filter, String createdBy) {
        return conn.preparedQuery("WITH m AS (INSERT INTO migration_plans (id, tenant_id, scenario_id, from_version, to_version, "
                + "status, transformation_map, anchor_policies, scope_filter, created_by) VALUES ($1, $2, $3, $4, $5, 'draft', "
                + "$6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9) RETURNING *) SELECT " + COLUMNS + " FROM m")
                .execute(Tuple.from(new Object[] { id, tenantId, scenarioId, from, to, json.text(map), json.text(anchors),
                        json.text(filter), createdBy }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<MigrationPlan>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM migration_plans m WHERE m.tenant_id = $1 AND m.id = $2 AND " + VISIBLE
                + (lock ? " FOR UPDATE OF m" : "")).execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<MigrationPlan>> list(SqlConnection conn, UUID tenantId, UUID scenarioId, PlanStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM migration_plans m WHERE m.tenant_id = $5 AND m.scenario_id = $1 "
                + "AND ($2::varchar IS NULL OR m.status = $2) AND ($3::uuid IS NULL OR m.id < $3) ORDER BY m.id DESC LIMIT $4")
                .execute(Tuple.of(scenarioId, wire(status), page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, this::map));
    }

    public Uni<MigrationPlan> update(SqlConnection conn, UUID tenantId, UUID id, Map<String, StepMapping> map, AnchorPolicies anchors,
            ScopeFilter filter) {
        return conn.preparedQuery("WITH m AS (UPDATE migration_plans SET transformation_map = coalesce($2::text::jsonb, transformation_map), "
                + "anchor_policies = coalesce($3::text::jsonb, anchor_policies), scope_filter = coalesce($4::text::jsonb, scope_filter), "
                + "updated_at = now() WHERE tenant_id = $5 AND id = $1 RETURNING *) SELECT " + COLUMNS + " FROM m")
                .execute(Tuple.of(id, json.text(map), json.text(anchors), json.text(filter), tenantId))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Moves the plan to {@code to}, stamping when and by whom. */
    public Uni<MigrationPlan> transition(SqlConnection conn, UUID tenantId, UUID id, PlanStatus to, String by) {
        String stamp = switch (to) {
            case APPROVED -> "approved_at = now(), approved_by = $3";
            case DEPLOYED -> "deployed_at = now(), deployed_by = $3";
            case REJECTED -> "rejected_at = now(), rejected_by = $3";
            case DRAFT -> throw new IllegalArgumentException("no way back to draft");
        };
        return conn.preparedQuery("WITH m AS (UPDATE migration_plans SET status = $2, " + stamp + ", updated_at = now() "
                + "WHERE tenant_id = $4 AND id = $1 RETURNING *) SELECT " + COLUMNS + " FROM m")
                .execute(Tuple.of(id, wire(to), by, tenantId))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("DELETE FROM migration_plans WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** The deployed plan of the scenario from {@code fromVersion}, if any (at most one: a partial unique index). */
    public Uni<Optional<MigrationPlan>> deployedFrom(SqlConnection conn, UUID tenantId, UUID scenarioId, int fromVersion) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM migration_plans m WHERE m.tenant_id = $1 AND m.scenario_id = $2 "
                + "AND m.from_version = $3 AND m.status = 'deployed'").execute(Tuple.of(tenantId, scenarioId, fromVersion)).map(rows -> Rows.first(rows, this::map));
    }

    MigrationPlan map(Row row) {
        return new MigrationPlan(row.getUUID("id"), row.getUUID("scenario_id"), row.getInteger("from_version"),
                row.getInteger("to_version"), enumValue(row, "status", PlanStatus.class),
                json.read(row, "transformation_map", MAP),
                json.convert(json.value(row, "anchor_policies"), AnchorPolicies.class).withDefaults(),
                json.convert(json.value(row, "scope_filter"), ScopeFilter.class), row.getString("created_by"),
                row.getString("approved_by"), row.getString("deployed_by"), row.getString("rejected_by"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "approved_at"), instant(row, "deployed_at"),
                instant(row, "rejected_at"));
    }
}
