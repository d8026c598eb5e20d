package dev.agentry.config.variable;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.wire;

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

/** All SQL on {@code config.variables}. */
@ApplicationScoped
public class VariableStore {

    private static final String COLUMNS = "v.id, v.agent_id, v.name, v.description, v.default_value, v.update_policy, "
            + "v.resolver_tool_id, v.created_at, v.updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_variables_tenant_agent_name", "name");

    @Inject
    JsonColumns json;

    public Uni<Variable> insert(SqlConnection conn, UUID tenantId, UUID id, UUID agentId, VariableCreate c) {
        return conn.preparedQuery("WITH v AS (INSERT INTO variables (id, tenant_id, agent_id, name, description, default_value, "
                + "update_policy, resolver_tool_id) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) RETURNING *) SELECT "
                + COLUMNS + " FROM v")
                .execute(Tuple.from(new Object[] { id, tenantId, agentId, c.name(), c.description(), json.text(c.defaultValue()),
                        wire(c.updatePolicy() == null ? UpdatePolicy.REPLACE : c.updatePolicy()), c.resolverToolId() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Variable>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM variables v WHERE v.tenant_id = $1 AND v.id = $2 AND v.deleted_at IS NULL "
                + "AND " + AgentStore.visibleAgent("v") + (lock ? " FOR UPDATE OF v" : "")).execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<Variable>> list(SqlConnection conn, UUID tenantId, UUID agentId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM variables v WHERE v.tenant_id = $4 AND v.agent_id = $1 AND v.deleted_at IS NULL "
                + "AND ($2::uuid IS NULL OR v.id < $2) ORDER BY v.id DESC LIMIT $3")
                .execute(Tuple.of(agentId, page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, this::map));
    }

    /** All live variables of an agent, by name, bounded (templates and the runtime view). */
    public Uni<List<Variable>> all(SqlConnection conn, UUID tenantId, UUID agentId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM variables v WHERE v.tenant_id = $1 AND v.agent_id = $2 AND v.deleted_at IS NULL "
                + "ORDER BY v.name LIMIT $3").execute(Tuple.of(tenantId, agentId, limit)).map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Variable> update(SqlConnection conn, UUID tenantId, UUID id, VariableUpdate u) {
        return conn.preparedQuery("WITH v AS (UPDATE variables SET description = coalesce($2, description), "
                + "default_value = coalesce($3::text::jsonb, default_value), update_policy = coalesce($4, update_policy), "
                + "resolver_tool_id = coalesce($5, resolver_tool_id), updated_at = now() WHERE tenant_id = $6 AND id = $1 RETURNING *) SELECT "
                + COLUMNS + " FROM v")
                .execute(Tuple.of(id, u.description(), json.text(u.defaultValue()), wire(u.updatePolicy()), u.resolverToolId(), tenantId))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE variables v SET deleted_at = now(), updated_at = now() WHERE v.tenant_id = $1 AND v.id = $2 "
                + "AND v.deleted_at IS NULL AND " + AgentStore.visibleAgent("v")).execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    Variable map(Row row) {
        return new Variable(row.getUUID("id"), row.getUUID("agent_id"), row.getString("name"), row.getString("description"),
                json.value(row, "default_value"), enumValue(row, "update_policy", UpdatePolicy.class),
                row.getString("resolver_tool_id"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
