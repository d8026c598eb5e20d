package dev.agentry.config.tool;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;

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

/** All SQL on {@code config.base_tools}; writes succeed only in a platform transaction (RLS). */
@ApplicationScoped
public class BaseToolStore {

    private static final String COLUMNS = "id, type, handler_class, description, default_config_schema, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_base_tools_type", "type");
    public Uni<BaseTool> insert(SqlConnection conn, UUID id, BaseToolCreate c) {
        return conn.preparedQuery("INSERT INTO base_tools (id, type, handler_class, description, default_config_schema) "
                + "VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, c.type(), c.handlerClass().strip(), c.description(),
                        c.defaultConfigSchema() == null ? null : jsonb(c.defaultConfigSchema())))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<BaseTool>> find(SqlConnection conn, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM base_tools WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, BaseToolStore::map));
    }

    /** Newest first (ids are time-ordered), after the cursor's id; the registry is global, no tenant. */
    public Uni<List<BaseTool>> list(SqlConnection conn, String type, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM base_tools WHERE ($1::varchar IS NULL OR type = $1) "
                + "AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(type, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, BaseToolStore::map));
    }

    public Uni<Optional<BaseTool>> update(SqlConnection conn, UUID id, BaseToolUpdate u) {
        return conn.preparedQuery("UPDATE base_tools SET handler_class = coalesce($2, handler_class), "
                + "description = coalesce($3, description), default_config_schema = coalesce($4, default_config_schema), "
                + "updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, u.handlerClass(), u.description(),
                        u.defaultConfigSchema() == null ? null : jsonb(u.defaultConfigSchema())))
                .map(rows -> Rows.first(rows, BaseToolStore::map));
    }

    static BaseTool map(Row row) {
        return new BaseTool(row.getUUID("id"), row.getString("type"), row.getString("handler_class"), row.getString("description"),
                row.getValue("default_config_schema") == null ? null : Rows.object(row, "default_config_schema"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
