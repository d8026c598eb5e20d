package dev.agentry.config.mcp;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.mcp_servers}; writes succeed only in a platform transaction (RLS). */
@ApplicationScoped
public class McpServerStore {

    private static final String COLUMNS = "id, name, slug, description, version, category, transport, command, config_schema, "
            + "tool_definitions, resource_definitions, status, is_public, documentation_url, repository_url, metadata, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_mcp_servers_slug", "slug");
    /** What a tenant sees of the registry: public servers that are not disabled. */
    private static final String TENANT_VISIBLE = "(NOT $1 OR (is_public AND status <> 'disabled'))";

    public Uni<McpServer> insert(SqlConnection conn, UUID id, McpServerCreate c) {
        return conn.preparedQuery("INSERT INTO mcp_servers (id, name, slug, description, version, category, transport, command, "
                + "config_schema, tool_definitions, resource_definitions, status, is_public, documentation_url, repository_url, metadata) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, c.name().strip(), c.slug(), c.description(), c.version(), c.category(),
                        wire(c.transport()), c.command(), c.configSchema() == null ? null : jsonb(c.configSchema()),
                        jsonb(c.toolDefinitions()), jsonb(c.resourceDefinitions()),
                        wire(c.status() == null ? McpServerStatus.ACTIVE : c.status()), c.isPublic() == null || c.isPublic(),
                        c.documentationUrl(), c.repositoryUrl(), jsonb(c.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** The server; {@code tenantView} hides private and disabled servers. */
    public Uni<Optional<McpServer>> find(SqlConnection conn, UUID id, boolean tenantView) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM mcp_servers WHERE " + TENANT_VISIBLE + " AND id = $2")
                .execute(Tuple.of(tenantView, id)).map(rows -> Rows.first(rows, McpServerStore::map));
    }

    public Uni<List<McpServer>> list(SqlConnection conn, boolean tenantView, String category, McpServerStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM mcp_servers WHERE " + TENANT_VISIBLE
                + " AND ($2::varchar IS NULL OR category = $2) AND ($3::varchar IS NULL OR status = $3) "
                + "AND ($4::uuid IS NULL OR id < $4) ORDER BY id DESC LIMIT $5")
                .execute(Tuple.of(tenantView, category, wire(status), page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, McpServerStore::map));
    }

    public Uni<Optional<McpServer>> update(SqlConnection conn, UUID id, McpServerUpdate u) {
        return conn.preparedQuery("UPDATE mcp_servers SET name = coalesce($2, name), description = coalesce($3, description), "
                + "version = coalesce($4, version), category = coalesce($5, category), transport = coalesce($6, transport), "
                + "command = coalesce($7, command), config_schema = coalesce($8, config_schema), "
                + "tool_definitions = coalesce($9, tool_definitions), resource_definitions = coalesce($10, resource_definitions), "
                + "status = coalesce($11, status), is_public = coalesce($12, is_public), documentation_url = coalesce($13, documentation_url), "
                + "repository_url = coalesce($14, repository_url), metadata = coalesce($15, metadata), updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, u.name(), u.description(), u.version(), u.category(), wire(u.transport()), u.command(),
                        u.configSchema() == null ? null : jsonb(u.configSchema()), u.toolDefinitions() == null ? null : jsonb(u.toolDefinitions()),
                        u.resourceDefinitions() == null ? null : jsonb(u.resourceDefinitions()), wire(u.status()), u.isPublic(),
                        u.documentationUrl(), u.repositoryUrl(), u.metadata() == null ? null : jsonb(u.metadata()) }))
                .map(rows -> Rows.first(rows, McpServerStore::map));
    }

    /** Deleting a server deletes every tenant's configuration of it (ON DELETE CASCADE). */
    public Uni<Boolean> delete(SqlConnection conn, UUID id) {
        return conn.preparedQuery("DELETE FROM mcp_servers WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    static McpServer map(Row row) {
        return new McpServer(row.getUUID("id"), row.getString("name"), row.getString("slug"), row.getString("description"),
                row.getString("version"), row.getString("category"), enumValue(row, "transport", McpTransport.class), row.getString("command"),
                row.getValue("config_schema") == null ? null : object(row, "config_schema"), list(row, "tool_definitions"),
                list(row, "resource_definitions"), enumValue(row, "status", McpServerStatus.class), row.getBoolean("is_public"),
                row.getString("documentation_url"), row.getString("repository_url"), object(row, "metadata"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static List<Object> list(Row row, String column) {
        Object value = row.getValue(column);
        return value instanceof JsonArray array ? array.getList() : List.of();
    }
}
