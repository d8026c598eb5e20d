package dev.agentry.config.tool;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.tool_configs}. */
@ApplicationScoped
public class ToolConfigStore {

    /**
     * A tool the tenant may see: not switched off for it by the platform
     * ({@code tenant_tool_permissions.enabled = false}). {@code %1$s} is the tool_configs alias.
     */
    public static final String VISIBLE = "NOT EXISTS (SELECT 1 FROM tenant_tool_permissions p WHERE p.tenant_id = %1$s.tenant_id "
            + "AND p.tool_id = %1$s.id AND NOT p.enabled)";
    private static final String COLUMNS = "t.id, t.name, t.base_tool_id, b.type AS base_tool_type, t.config, t.input_schema, "
            + "t.output_format_id, t.description, t.enabled, t.created_at, t.updated_at";
    private static final String FROM = " FROM tool_configs t JOIN base_tools b ON b.id = t.base_tool_id ";
    private static final Map<String, String> UNIQUE = Map.of("uq_tool_configs_tenant_name", "name");

    public Uni<UUID> insert(SqlConnection conn, UUID tenantId, UUID id, ToolConfigCreate c) {
        return conn.preparedQuery("INSERT INTO tool_configs (id, tenant_id, name, base_tool_id, config, input_schema, "
                + "output_format_id, description, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
                .execute(Tuple.from(new Object[] { id, tenantId, c.name(), c.baseToolId(), jsonb(c.config()), jsonb(c.inputSchema()),
                        c.outputFormatId(), c.description(), c.enabled() == null || c.enabled() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    public Uni<Optional<ToolConfig>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE t.tenant_id = $1 AND t.id = $2 AND " + String.format(VISIBLE, "t"))
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ToolConfigStore::map));
    }

    /** Whether the tool exists in the tenant at all, permitted or not (for the platform's permission writes). */
    public Uni<Boolean> existsAny(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT 1 FROM tool_configs WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).map(rows -> rows.size() == 1);
    }

    public Uni<List<ToolConfig>> list(SqlConnection conn, UUID tenantId, String baseType, Boolean enabled, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE t.tenant_id = $5 AND " + String.format(VISIBLE, "t")
                + " AND ($1::varchar IS NULL OR b.type = $1) AND ($2::boolean IS NULL OR t.enabled = $2) "
                + "AND ($3::uuid IS NULL OR t.id < $3) ORDER BY t.id DESC LIMIT $4")
                .execute(Tuple.of(baseType, enabled, page.after(), page.fetchSize(), tenantId)).map(rows -> Rows.list(rows, ToolConfigStore::map));
    }

    public Uni<Boolean> update(SqlConnection conn, UUID tenantId, UUID id, ToolConfigUpdate u) {
        return conn.preparedQuery("UPDATE tool_configs t SET name = coalesce($2, name), config = coalesce($3, config), "
                + "input_schema = coalesce($4, input_schema), output_format_id = coalesce($5, output_format_id), "
                + "description = coalesce($6, description), enabled = coalesce($7, enabled), updated_at = now() "
                + "WHERE t.tenant_id = $8 AND t.id = $1 AND " + String.format(VISIBLE, "t"))
                .execute(Tuple.from(new Object[] { id, u.name(), u.config() == null ? null : jsonb(u.config()),
                        u.inputSchema() == null ? null : jsonb(u.inputSchema()), u.outputFormatId(), u.description(), u.enabled(), tenantId }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("DELETE FROM tool_configs t WHERE t.tenant_id = $1 AND t.id = $2 AND " + String.format(VISIBLE, "t"))
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    static ToolConfig map(Row row) {
        return new ToolConfig(row.getUUID("id"), row.getString("name"), row.getUUID("base_tool_id"), row.getString("base_tool_type"),
                object(row, "config"), object(row, "input_schema"), row.getUUID("output_format_id"), row.getString("description"),
                row.getBoolean("enabled"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
