package dev.agentry.config.workflow;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.strings;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
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

/** All SQL on {@code config.workflows}. */
@ApplicationScoped
public class WorkflowStore {

    private static final String COLUMNS = "id, name, slug, description, definition, agent_ids, timeout_seconds, retry_config, status, "
            + "version, tags, metadata, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_workflows_tenant_slug", "slug");

    @Inject
    JsonColumns json;

    public Uni<Workflow> insert(SqlConnection conn, UUID tenantId, UUID id, WorkflowCreate c, List<UUID> agentIds) {
        return conn.preparedQuery("INSERT INTO workflows (id, tenant_id, name, slug, description, definition, agent_ids, "
                + "timeout_seconds, retry_config, status, version, tags, metadata) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, "
                + "$7::text::jsonb, $8, $9::text::jsonb, $10, 1, $11, $12) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, c.name().strip(), c.slug(), c.description(), json.text(c.definition()),
                        json.text(agentIds), c.timeoutSeconds(), json.text(c.retryConfig() == null ? Map.of() : c.retryConfig()),
                        wire(c.status() == null ? WorkflowStatus.DRAFT : c.status()), jsonb(c.tags()), jsonb(c.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Workflow>> find(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM workflows WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL"
                + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::map));
    }

    public Uni<List<Workflow>> list(SqlConnection conn, UUID tenantId, WorkflowStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM workflows WHERE tenant_id = $4 AND deleted_at IS NULL AND ($1::varchar IS NULL OR status = $1) "
                + "AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(wire(status), page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, this::map));
    }

    public Uni<Workflow> update(SqlConnection conn, UUID tenantId, UUID id, WorkflowUpdate u, List<UUID> agentIds, int version) {
        return conn.preparedQuery("UPDATE workflows SET name = coalesce($2, name), description = coalesce($3, description), "
                + "definition = coalesce($4::text::jsonb, definition), agent_ids = coalesce($5::text::jsonb, agent_ids), "
                + "timeout_seconds = coalesce($6, timeout_seconds), retry_config = coalesce($7::text::jsonb, retry_config), "
                + "status = coalesce($8, status), version = $9, tags = coalesce($10, tags), metadata = coalesce($11, metadata), "
                + "updated_at = now() WHERE tenant_id = $12 AND id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), u.description(),
                        json.text(u.definition()), json.text(agentIds), u.timeoutSeconds(), json.text(u.retryConfig()), wire(u.status()),
                        version, u.tags() == null ? null : jsonb(u.tags()), u.metadata() == null ? null : jsonb(u.metadata()), tenantId }))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE workflows SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2 "
                + "AND deleted_at IS NULL").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    Workflow map(Row row) {
        return new Workflow(row.getUUID("id"), row.getString("name"), row.getString("slug"), row.getString("description"),
                json.convert(json.value(row, "definition"), WorkflowDefinition.class),
                strings(row, "agent_ids").stream().map(UUID::fromString).toList(), row.getInteger("timeout_seconds"),
                json.convert(object(row, "retry_config"), RetryConfig.class), enumValue(row, "status", WorkflowStatus.class),
                row.getInteger("version"), strings(row, "tags"), object(row, "metadata"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }
}
