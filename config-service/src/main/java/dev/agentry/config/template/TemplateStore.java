package dev.agentry.config.template;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.strings;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
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

/** All SQL on {@code config.templates}. */
@ApplicationScoped
public class TemplateStore {

    private static final String COLUMNS = "t.id, t.agent_id, t.name, t.content, t.placeholders, t.mode, t.scope, t.scope_id, "
            + "t.scope_step_id, t.created_at, t.updated_at";

    public Uni<Template> insert(SqlConnection conn, UUID tenantId, UUID id, UUID agentId, TemplateCreate c, List<String> placeholders,
            Target scope) {
        return conn.preparedQuery("WITH t AS (INSERT INTO templates (id, tenant_id, agent_id, name, content, placeholders, mode, "
                + "scope, scope_id, scope_step_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *) SELECT " + COLUMNS
                + " FROM t")
                .execute(Tuple.from(new Object[] { id, tenantId, agentId, c.name().strip(), c.content(), jsonb(placeholders),
                        wire(c.mode() == null ? TemplateMode.SUGGEST : c.mode()), wire(scope.scope()), scope.scopeId(), scope.stepId() }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Template>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM templates t WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL "
                + "AND " + AgentStore.visibleAgent("t") + (lock ? " FOR UPDATE OF t" : "")).execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, TemplateStore::map));
    }

    public Uni<List<Template>> list(SqlConnection conn, UUID tenantId, UUID agentId, TemplateMode mode, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM templates t WHERE t.tenant_id = $5 AND t.agent_id = $1 AND t.deleted_at IS NULL "
                + "AND ($2::varchar IS NULL OR t.mode = $2) AND ($3::uuid IS NULL OR t.id < $3) ORDER BY t.id DESC LIMIT $4")
                .execute(Tuple.of(agentId, wire(mode), page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, TemplateStore::map));
    }

    public Uni<List<Template>> all(SqlConnection conn, UUID tenantId, UUID agentId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM templates t WHERE t.tenant_id = $1 AND t.agent_id = $2 AND t.deleted_at IS NULL "
                + "ORDER BY t.id DESC LIMIT $3").execute(Tuple.of(tenantId, agentId, limit)).map(rows -> Rows.list(rows, TemplateStore::map));
    }

    public Uni<Template> update(SqlConnection conn, UUID tenantId, UUID id, TemplateUpdate u, List<String> placeholders, Target scope) {
        return conn.preparedQuery("WITH t AS (UPDATE templates SET name = coalesce($2, name), content = coalesce($3, content), "
                + "placeholders = coalesce($4, placeholders), mode = coalesce($5, mode), scope = $6, scope_id = $7, "
                + "scope_step_id = $8, updated_at = now() WHERE tenant_id = $9 AND id = $1 RETURNING *) SELECT " + COLUMNS + " FROM t")
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), u.content(),
                        placeholders == null ? null : jsonb(placeholders), wire(u.mode()), wire(scope.scope()), scope.scopeId(),
                        scope.stepId(), tenantId }))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE templates t SET deleted_at = now(), updated_at = now() WHERE t.tenant_id = $1 AND t.id = $2 "
                + "AND t.deleted_at IS NULL AND " + AgentStore.visibleAgent("t")).execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    static Template map(Row row) {
        return new Template(row.getUUID("id"), row.getUUID("agent_id"), row.getString("name"), row.getString("content"),
                strings(row, "placeholders"), enumValue(row, "mode", TemplateMode.class), enumValue(row, "scope", Scope.class),
                row.getUUID("scope_id"), row.getString("scope_step_id"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
