package dev.agentry.catalog.variant;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.common.db.Rows;
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

/** All SQL on {@code tenant_offering_variant}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class VariantStore {

    private static final String COLUMNS = "id, offering_id, sku, name, status, attributes, created_at";

    /** The live offering's domain, if the offering exists (empty optional inside: no domain). */
    Uni<Optional<Optional<UUID>>> offeringDomain(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("SELECT domain_id FROM tenant_offering WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenant, offeringId))
                .map(rows -> Rows.first(rows, r -> Optional.ofNullable(r.getUUID("domain_id"))));
    }

    Uni<Variant> insert(SqlConnection conn, UUID tenant, UUID id, UUID offeringId, VariantCreate c, Map<String, Object> attributes) {
        return conn.preparedQuery("INSERT INTO tenant_offering_variant (id, tenant_id, offering_id, sku, name, attributes) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, offeringId, c.sku().strip(), c.name(), new JsonObject(attributes) }))
                .map(rows -> map(rows.iterator().next()));
    }

    Uni<Optional<Variant>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenant_offering_variant WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, VariantStore::map));
    }

    Uni<List<Variant>> list(SqlConnection conn, UUID tenant, UUID offeringId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenant_offering_variant WHERE tenant_id = $1 AND offering_id = $2 "
                + "AND ($3::uuid IS NULL OR id > $3) ORDER BY id LIMIT $4")
                .execute(Tuple.of(tenant, offeringId, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, VariantStore::map));
    }

    static Variant map(Row row) {
        return new Variant(row.getUUID("id"), row.getUUID("offering_id"), row.getString("sku"), row.getString("name"),
                row.getString("status"), object(row, "attributes"), instant(row, "created_at"));
    }
}
