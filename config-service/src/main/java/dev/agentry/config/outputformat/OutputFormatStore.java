package dev.agentry.config.outputformat;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.output_formats}. */
@ApplicationScoped
public class OutputFormatStore {

    private static final String COLUMNS = "id, name, schema, renderer_hint, description, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_output_formats_tenant_name", "name");

    public Uni<OutputFormat> insert(SqlConnection conn, UUID tenantId, UUID id, OutputFormatCreate c) {
        return conn.preparedQuery("INSERT INTO output_formats (id, tenant_id, name, schema, renderer_hint, description) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, c.name().strip(), json(c.schema()), json(c.rendererHint()),
                        c.description() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<OutputFormat>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM output_formats WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, OutputFormatStore::map));
    }

    public Uni<Boolean> exists(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT 1 FROM output_formats WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).map(rows -> rows.size() == 1);
    }

    public Uni<List<OutputFormat>> list(SqlConnection conn, UUID tenantId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM output_formats WHERE tenant_id = $3 AND ($1::uuid IS NULL OR id < $1) "
                + "ORDER BY id DESC LIMIT $2").execute(Tuple.of(page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, OutputFormatStore::map));
    }

    public Uni<Optional<OutputFormat>> update(SqlConnection conn, UUID tenantId, UUID id, OutputFormatUpdate u) {
        return conn.preparedQuery("UPDATE output_formats SET name = coalesce($2, name), schema = coalesce($3, schema), "
                + "renderer_hint = coalesce($4, renderer_hint), description = coalesce($5, description), updated_at = now() "
                + "WHERE tenant_id = $6 AND id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), json(u.schema()),
                        json(u.rendererHint()), u.description(), tenantId }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, OutputFormatStore::map));
    }

    /** Agents and tools that pointed at the format lose the reference (ON DELETE SET NULL). */
    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("DELETE FROM output_formats WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    private static JsonObject json(Map<String, Object> value) {
        return value == null ? null : jsonb(value);
    }

    static OutputFormat map(Row row) {
        return new OutputFormat(row.getUUID("id"), row.getString("name"), nullable(row, "schema"), nullable(row, "renderer_hint"),
                row.getString("description"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Map<String, Object> nullable(Row row, String column) {
        return row.getValue(column) == null ? null : Rows.object(row, column);
    }
}
